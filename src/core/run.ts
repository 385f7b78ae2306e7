/** How a task run stands, as plain data: the streamed raw answers apart from the run's status. */

/** Where a result came from: enough to tell which model and settings made it, and to make it again. */
export interface Provenance {
  model: { id: string; label: string; engine: string; /** quantization and address of the build */ build: string };
  /** The prompt of each answer, in order (one per chunk of a long text). */
  prompts: string[];
  settings: { temperature: number; top_p: number; max_tokens: number; greedy: boolean };
  /** How each answer ended: `stop`, `length` (cut off at the token limit), `aborted`. */
  finishReasons: string[];
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** The page's version that made it. */
  page: string;
}

/** Provenance as flat text fields, for formats that hold only strings (BioC infons). */
export function provenanceFields(p: Provenance): Record<string, string> {
  return {
    'taiyi-local.model': p.model.id,
    'taiyi-local.model-label': p.model.label,
    'taiyi-local.engine': p.model.engine,
    'taiyi-local.build': p.model.build,
    'taiyi-local.settings': JSON.stringify(p.settings),
    'taiyi-local.finish': p.finishReasons.join(','),
    'taiyi-local.started': p.startedAt,
    'taiyi-local.page': p.page,
    'taiyi-local.prompts': JSON.stringify(p.prompts),
  };
}

export type RunOutcome = 'done' | 'stopped' | 'failed';

export interface RunState {
  /** The raw answer to each prompt so far (one per chunk), streamed. */
  raws: string[];
  running: boolean;
  /** Prompts finished and planned. */
  progress: { done: number; total: number } | null;
  outcome: RunOutcome | null;
  /** Answers cut off at the token limit: the result holds what they said so far, and is partial. */
  truncated: number;
  /** Which model, prompts and settings made the run's answers; null before any run. */
  provenance: Provenance | null;
  /** The engine's words when it refused the answer grammar and the run went unconstrained. */
  grammarRejected?: string;
}

export const IDLE_RUN: RunState = { raws: [], running: false, progress: null, outcome: null, truncated: 0, provenance: null };

/**
 * A run without its streamed text: what result views need. It changes per finished answer, not per token,
 * so a view that takes it does not re-render while an answer streams.
 */
export interface RunStatus extends Omit<RunState, 'raws'> {
  /** Whether any answer so far holds more than white space. */
  answered: boolean;
}

export const runStatus = ({ raws, ...rest }: RunState): RunStatus => ({ ...rest, answered: raws.some((r) => /\S/.test(r)) });

/** How a task run stands, as plain data: the streamed raw answers apart from the run's status. */

/** What a run starts with, before any prompt: the model, the generation settings, the time and the page's version. */
export interface RunSource {
  model: { id: string; label: string; engine: string; /** quantization and address of the build */ build: string };
  settings: { temperature: number; top_p: number; max_tokens: number; greedy: boolean };
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** The page's version that made it. */
  page: string;
}

/** Where a result came from: enough to tell which model and settings made it, and to make it again. */
export interface Provenance extends RunSource {
  /** The prompt of each answer, in order (one per chunk of a long text). */
  prompts: string[];
  /** How each answer ended: `stop`, `length` (cut off at the token limit), `aborted`. */
  finishReasons: string[];
}

/** A run's source as flat text fields, for formats that hold only strings (BioC infons). */
export function sourceFields(s: RunSource): Record<string, string> {
  return {
    'taiyi-local.model': s.model.id,
    'taiyi-local.model-label': s.model.label,
    'taiyi-local.engine': s.model.engine,
    'taiyi-local.build': s.model.build,
    'taiyi-local.settings': JSON.stringify(s.settings),
    'taiyi-local.started': s.startedAt,
    'taiyi-local.page': s.page,
  };
}

/** Provenance as flat text fields, for formats that hold only strings (BioC infons). */
export function provenanceFields(p: Provenance): Record<string, string> {
  return {
    ...sourceFields(p),
    'taiyi-local.finish': p.finishReasons.join(','),
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

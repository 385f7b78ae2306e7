/** How a task run stands, as plain data: the streamed raw answers apart from the run's status. */

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
}

export const IDLE_RUN: RunState = { raws: [], running: false, progress: null, outcome: null, truncated: 0 };

/**
 * A run without its streamed text: what result views need. It changes per finished answer, not per token,
 * so a view that takes it does not re-render while an answer streams.
 */
export interface RunStatus extends Omit<RunState, 'raws'> {
  /** Whether any answer so far holds more than white space. */
  answered: boolean;
}

export const runStatus = ({ raws, ...rest }: RunState): RunStatus => ({ ...rest, answered: raws.some((r) => /\S/.test(r)) });

import { create } from 'zustand';
import type { FinishReason, RunUsage } from '../engine/types';
import { IDLE_RUN, taskRunner, type RunState } from './taskRun';

interface PlaygroundState {
  prompt: string;
  /** `raws[0]` is the streamed answer. */
  run: RunState;
  /** Usage of the last generation, a stopped one included. */
  last: { usage: RunUsage; finishReason: FinishReason } | null;
  setPrompt: (prompt: string) => void;
  start: () => Promise<void>;
  stop: () => void;
}

/** The playground sends one prompt as a single user turn, in the loaded model's own format. */
export const usePlayground = create<PlaygroundState>()((set, get) => {
  const runner = taskRunner<PlaygroundState>(set, ({ usage, finishReason }) => set({ last: { usage, finishReason } }));
  return {
    prompt: '',
    run: IDLE_RUN,
    last: null,
    setPrompt: (prompt) => set({ prompt }),
    start: async () => {
      const { prompt, run } = get();
      if (run.running || !prompt.trim()) return;
      set({ last: null });
      await runner.prompts([prompt], () => {});
    },
    stop: runner.stop,
  };
});

import { create } from 'zustand';
import type { FinishReason, RunUsage } from '../engine/types';
import { generate } from './modelActions';

interface PlaygroundState {
  prompt: string;
  output: string;
  running: boolean;
  last: { usage: RunUsage; finishReason: FinishReason } | null;
  setPrompt: (prompt: string) => void;
  run: () => Promise<void>;
}

/** The playground sends one prompt as a single user turn, in the loaded model's own format. */
export const usePlayground = create<PlaygroundState>()((set, get) => ({
  prompt: '',
  output: '',
  running: false,
  last: null,
  setPrompt: (prompt) => set({ prompt }),
  run: async () => {
    const { prompt, running } = get();
    if (running || !prompt.trim()) return;
    set({ output: '', running: true, last: null });
    const result = await generate([{ role: 'user', content: prompt }], (piece) => set((s) => ({ output: s.output + piece })));
    set({ running: false, last: result ? { usage: result.usage, finishReason: result.finishReason } : null });
  },
}));

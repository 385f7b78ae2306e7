import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { SamplingParams } from '../engine/types';

/** Taiyi's demo sampling; greedy decoding is offered for extraction and scoring. */
export const DEFAULT_SAMPLING: SamplingParams = { temperature: 0.3, top_p: 0.9, max_tokens: 500, greedy: false };

interface SettingsState extends SamplingParams {
  set: (patch: Partial<SamplingParams>) => void;
  reset: () => void;
}

/** The longest answer the settings allow, in tokens. */
export const MAX_TOKENS_LIMIT = 4096;

export const SETTINGS_STORAGE_KEY = 'taiyi.settings';

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      ...DEFAULT_SAMPLING,
      set: (patch) => set(patch),
      reset: () => set(DEFAULT_SAMPLING),
    }),
    {
      name: SETTINGS_STORAGE_KEY,
      version: 1,
      partialize: ({ temperature, top_p, max_tokens, greedy }) => ({ temperature, top_p, max_tokens, greedy }),
    },
  ),
);

/** The sampling parameters as the engine takes them. */
export const samplingParams = (): SamplingParams => {
  const { temperature, top_p, max_tokens, greedy } = useSettings.getState();
  return { temperature, top_p, max_tokens, greedy };
};

import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { SamplingParams } from '../engine/types';

/** Taiyi's demo sampling; greedy decoding is offered for extraction and scoring. */
export const DEFAULT_SAMPLING: SamplingParams = { temperature: 0.3, top_p: 0.9, max_tokens: 500, greedy: false };

/** Settings beyond sampling. */
export interface RunSettings {
  /** Constrain answers of tasks with a fixed format (extraction, classification, QA) to it, where the engine can. */
  grammar: boolean;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = { grammar: true };

type Settings = SamplingParams & RunSettings;

interface SettingsState extends Settings {
  set: (patch: Partial<Settings>) => void;
  reset: () => void;
}

export const SETTINGS_STORAGE_KEY = 'taiyi.settings';

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      ...DEFAULT_SAMPLING,
      ...DEFAULT_RUN_SETTINGS,
      set: (patch) => set(patch),
      reset: () => set({ ...DEFAULT_SAMPLING, ...DEFAULT_RUN_SETTINGS }),
    }),
    {
      name: SETTINGS_STORAGE_KEY,
      version: 1,
      partialize: ({ temperature, top_p, max_tokens, greedy, grammar }) => ({ temperature, top_p, max_tokens, greedy, grammar }),
    },
  ),
);

/** The sampling parameters as the engine takes them. */
export const samplingParams = (): SamplingParams => {
  const { temperature, top_p, max_tokens, greedy } = useSettings.getState();
  return { temperature, top_p, max_tokens, greedy };
};

import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { TAIYI_DEFAULTS } from '../core/modelkit/taiyi';
import type { ModelEntry, SamplingParams } from '../engine/types';

/** Taiyi's demo sampling; greedy decoding is offered for extraction and scoring. */
export const DEFAULT_SAMPLING: SamplingParams = { ...TAIYI_DEFAULTS, greedy: false };

type Tunable = 'temperature' | 'top_p' | 'max_tokens';
const TUNABLE: readonly Tunable[] = ['temperature', 'top_p', 'max_tokens'];

/** Settings beyond sampling. */
export interface RunSettings {
  /** Constrain answers of tasks with a fixed format (extraction, classification, QA) to it, where the engine can. */
  grammar: boolean;
  /** Documents a batch or eval job sends at once to a model server (local engines run one at a time). */
  serverConcurrency: number;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = { grammar: true, serverConcurrency: 1 };

/** The most requests a job keeps in flight on a server. */
export const MAX_SERVER_CONCURRENCY = 16;

interface SettingsState extends SamplingParams, RunSettings {
  /** The defaults the values started from: Taiyi's, or those of the last loaded model's entry. */
  base: Pick<SamplingParams, Tunable>;
  set: (patch: Partial<SamplingParams & RunSettings>) => void;
  /** Back to the last loaded model's defaults (Taiyi's demo sampling where its entry names none). */
  reset: () => void;
}

/** The longest answer the settings allow, in tokens. */
export const MAX_TOKENS_LIMIT = 4096;

export const SETTINGS_STORAGE_KEY = 'taiyi.settings';

export const useSettings = create<SettingsState>()(
  persist(
    (set, get) => ({
      ...DEFAULT_SAMPLING,
      ...DEFAULT_RUN_SETTINGS,
      base: { ...TAIYI_DEFAULTS },
      set: (patch) => set(patch),
      reset: () => set({ ...get().base, greedy: DEFAULT_SAMPLING.greedy, ...DEFAULT_RUN_SETTINGS }),
    }),
    {
      name: SETTINGS_STORAGE_KEY,
      version: 1,
      partialize: ({ temperature, top_p, max_tokens, greedy, grammar, serverConcurrency, base }) => ({
        temperature,
        top_p,
        max_tokens,
        greedy,
        grammar,
        serverConcurrency,
        base,
      }),
    },
  ),
);

/**
 * Makes a loaded model's own sampling defaults (`defaults` in models.json) the defaults of the runs: each value the
 * user left at the previous default follows the model, each value the user chose stays.
 */
export function adoptModelDefaults(defaults: ModelEntry['defaults']) {
  const state = useSettings.getState();
  const base = { ...DEFAULT_SAMPLING, ...defaults };
  const patch: Partial<SettingsState> = { base: { temperature: base.temperature, top_p: base.top_p, max_tokens: base.max_tokens } };
  for (const key of TUNABLE) if (state[key] === state.base[key]) patch[key] = base[key];
  useSettings.setState(patch);
}

/** The sampling parameters as the engine takes them. */
export const samplingParams = (): SamplingParams => {
  const { temperature, top_p, max_tokens, greedy } = useSettings.getState();
  return { temperature, top_p, max_tokens, greedy };
};

import { create } from 'zustand';
import type { EngineErrorCode } from '../engine/errors';
import type { HardwareReport } from '../engine/hardware';
import type { LoadedModelInfo, LoadProgress, ModelEntry } from '../engine/types';

export type ModelStatus = 'idle' | 'checking' | 'loading' | 'ready' | 'generating' | 'error';

/** A serialisable error: the code picks the translated message; `detail` is the engine's own words. */
export interface ShownError {
  /** `model-param`: the `?model=` value is neither a listed model id nor an absolute http(s) address (`detail`). */
  code: EngineErrorCode | 'registry' | 'not-loaded' | 'page-policy' | 'model-param';
  detail?: string;
}

export interface ModelState {
  status: ModelStatus;
  /** models.json entries followed by the ones the user added. */
  entries: ModelEntry[];
  registryProblems: string[];
  selectedId: string | null;
  loaded: LoadedModelInfo | null;
  progress: (LoadProgress & { startedAt: number; bytesPerSec?: number }) | null;
  error: ShownError | null;
  hardware: HardwareReport | null;
}

export const useModel = create<ModelState>()(() => ({
  status: 'idle',
  entries: [],
  registryProblems: [],
  selectedId: null,
  loaded: null,
  progress: null,
  error: null,
  hardware: null,
}));

export const selectedEntry = (s: ModelState) => s.entries.find((e) => e.id === s.selectedId) ?? null;
export const loadedEntry = (s: ModelState) => s.entries.find((e) => e.id === s.loaded?.id) ?? null;

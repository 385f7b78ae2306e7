import { create } from 'zustand';
import type { EngineErrorCode } from '../engine/errors';
import type { HardwareReport } from '../engine/hardware';
import type { LoadedModelInfo, LoadProgress, ModelEntry } from '../engine/types';
import type { Hosting } from '../engine/hosting';
import type { ModelIssue } from '../core/modelkit/types';

export type ModelStatus = 'idle' | 'checking' | 'loading' | 'ready' | 'generating' | 'error';

/** A serialisable error: the code picks the translated message; `detail` is the engine's own words. */
export interface ShownError {
  /** `page-policy` and `mixed-content` are found before anything is fetched (see `addressProblem`); `model-param`: the
   * `?model=` value is neither a listed model id nor an absolute http(s) address (`detail`). */
  code: EngineErrorCode | 'registry' | 'not-loaded' | 'page-policy' | 'mixed-content' | 'model-param';
  detail?: string;
  /** Values for the message (the origin a policy blocks, …). */
  params?: Record<string, string>;
}

/** The header check of a model added by URL: its problems, and whether they stop the load. */
export interface UrlCheck {
  url: string;
  ok: boolean;
  issues: ModelIssue[];
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
  /** The last URL check, shown until another model is added or loaded. */
  urlCheck: UrlCheck | null;
  /** Whether this site hosts each registry entry, by id, as checked at start; absent while unchecked. */
  hosting: Record<string, Hosting>;
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
  urlCheck: null,
  hosting: {},
}));

export const selectedEntry = (s: ModelState) => s.entries.find((e) => e.id === s.selectedId) ?? null;
export const loadedEntry = (s: ModelState) => s.entries.find((e) => e.id === s.loaded?.id) ?? null;

/** Whether a generation may start: the model is ready, or generating on an engine that serves several at once. */
export const acceptsGeneration = (s: Pick<ModelState, 'status' | 'loaded'>): boolean =>
  s.status === 'ready' || (s.status === 'generating' && s.loaded?.concurrent === true);

/**
 * What the UI can do with models. The engine singleton lives in src/engine; this module keeps the
 * serialisable picture of it in the model store and owns the abort controllers of loads and runs.
 */
import * as engine from '../engine';
import { toEngineError } from '../engine/errors';
import type { GenerateResult, ModelEntry, ChatTurn } from '../engine/types';
import { samplingParams } from './settings';
import { createTokenBatcher } from './tokenBatcher';
import { useModel, type ModelState } from './model';
import { listKept, removeKept } from '../engine/opfs';
import { keepLocalModel } from './storage';

const set = (patch: Partial<ModelState>) => useModel.setState(patch);
const get = () => useModel.getState();

/** The user's own model files never enter the store: they stay here, by model id. */
const localFiles = new Map<string, Blob[]>();
let loadAbort: AbortController | null = null;
let runAbort: AbortController | null = null;

const USER_MODELS_KEY = 'taiyi.userModels';

/** Models added by URL are remembered; local files are not (their entries point at nothing after a reload). */
function savedUrlModels(): ModelEntry[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(USER_MODELS_KEY) ?? '[]');
    return Array.isArray(saved) ? saved.filter((e): e is ModelEntry => !!e && typeof e.id === 'string' && typeof e.url === 'string') : [];
  } catch {
    return [];
  }
}

function saveUrlModels() {
  const urlModels = get().entries.filter((e) => e.user_added && !e.url.startsWith('local:'));
  try {
    localStorage.setItem(USER_MODELS_KEY, JSON.stringify(urlModels));
  } catch {
    // storage full or disabled: the model still works for this visit
  }
}

/** Reads models.json and probes the hardware; run once at start. */
export async function initModels(): Promise<void> {
  const [registry, hardware, kept] = await Promise.all([engine.loadRegistry(), engine.probeHardware(), listKept()]);
  const known = new Set(registry.entries.map((e) => e.id));
  // GGUF files picked on an earlier visit and kept in OPFS (see store/storage.ts) are offered again
  const keptEntries = kept.map((k) => {
    const entry = engine.entryFromFiles(k.files);
    localFiles.set(entry.id, k.files);
    return entry;
  });
  const user = [...savedUrlModels(), ...keptEntries, ...get().entries.filter((e) => e.user_added)].filter(
    (e, i, all) => !known.has(e.id) && all.findIndex((o) => o.id === e.id) === i,
  );
  set({
    entries: [...registry.entries, ...user],
    registryProblems: registry.problems,
    registryReady: true,
    hardware,
    selectedId: get().selectedId ?? engine.defaultModelId(registry.entries, hardware),
  });
}

export const selectModel = (id: string) => set({ selectedId: id });

/** Adds a model the user typed in (a `.gguf` URL or a WebLLM model URL) and selects it. */
export function addModelByUrl(url: string, kind?: ModelEntry['engine']): ModelEntry {
  const entry = engine.entryFromUrl(url, location.href, kind);
  upsertEntry(entry);
  saveUrlModels();
  return entry;
}

/** Adds the user's own `.gguf` file(s) (several for a split model) and selects them. */
export function addLocalModel(files: File[]): ModelEntry {
  const entry = engine.entryFromFiles(files);
  localFiles.set(entry.id, files);
  upsertEntry(entry);
  return entry;
}

/** Forgets a model the user added (never one of models.json). */
export function removeUserModel(id: string) {
  const entries = get().entries.filter((e) => !(e.id === id && e.user_added));
  localFiles.delete(id);
  void removeKept(id); // a kept copy would bring the model back on the next visit
  set({ entries, selectedId: get().selectedId === id ? (entries[0]?.id ?? null) : get().selectedId });
  saveUrlModels();
}

function upsertEntry(entry: ModelEntry) {
  set({ entries: [...get().entries.filter((e) => e.id !== entry.id), entry], selectedId: entry.id });
}

/** Loads the selected model (unloading any other first). Errors land in the store, not in the caller. */
export async function loadSelected(): Promise<void> {
  const entry = get().entries.find((e) => e.id === get().selectedId);
  if (!entry) return;
  loadAbort?.abort();
  const abort = new AbortController();
  loadAbort = abort;
  set({ status: 'checking', error: null, progress: null, loaded: null });
  try {
    await engine.unloadModel();
    const startedAt = performance.now();
    set({ status: 'loading', progress: { fraction: 0, startedAt } });
    const info = await engine.loadModel(
      { entry, files: localFiles.get(entry.id) },
      (p) => {
        if (abort.signal.aborted) return;
        const seconds = (performance.now() - startedAt) / 1000;
        const bytesPerSec = p.loadedBytes && seconds > 0.5 ? p.loadedBytes / seconds : undefined;
        set({ progress: { ...p, startedAt, bytesPerSec } });
      },
      abort.signal,
    );
    if (abort.signal.aborted) return;
    set({ status: 'ready', loaded: info, progress: null });
    // picked files that loaded are kept in OPFS for the next visit, in the background (a bad file is not)
    const picked = localFiles.get(entry.id);
    if (picked?.every((f) => f instanceof File)) void keepLocalModel(entry, picked as File[]);
  } catch (err) {
    if (loadAbort !== abort) return; // superseded by a newer load
    const e = toEngineError(err);
    set(
      e.code === 'aborted'
        ? { status: 'idle', progress: null, error: null }
        : { status: 'error', progress: null, error: { code: e.code, detail: e.detail } },
    );
  } finally {
    if (loadAbort === abort) loadAbort = null;
  }
}

export function cancelLoad() {
  loadAbort?.abort();
  loadAbort = null;
  void engine.unloadModel();
  set({ status: 'idle', progress: null });
}

export async function unload(): Promise<void> {
  stopGeneration();
  await engine.unloadModel();
  set({ status: 'idle', loaded: null, progress: null, error: null });
}

export const dismissError = () => set({ error: null, status: get().loaded ? 'ready' : 'idle' });

/**
 * Runs one generation on the loaded model, streaming text to `onText` (batched per frame).
 * Resolves with the result, or null when it failed (the error is shown by the shell) or nothing is loaded.
 */
export async function generate(
  turns: ChatTurn[],
  onText: (piece: string) => void,
  options: { greedy?: boolean; maxTokens?: number } = {},
): Promise<GenerateResult | null> {
  if (get().status !== 'ready') return null;
  const abort = new AbortController();
  runAbort = abort;
  const batcher = createTokenBatcher(onText);
  set({ status: 'generating', error: null });
  try {
    const params = samplingParams();
    if (options.greedy) params.greedy = true;
    if (options.maxTokens) params.max_tokens = options.maxTokens;
    const result = await engine.generate({ turns, params }, batcher.push, abort.signal);
    batcher.drain();
    set({ status: 'ready' });
    return result;
  } catch (err) {
    batcher.drain();
    const e = toEngineError(err);
    // A lost device or exhausted memory leaves no usable model behind.
    const fatal = e.code === 'device-lost' || e.code === 'out-of-memory';
    set({ status: fatal ? 'error' : 'ready', error: { code: e.code, detail: e.detail }, loaded: fatal ? null : get().loaded });
    return null;
  } finally {
    if (runAbort === abort) runAbort = null;
  }
}

export function stopGeneration() {
  runAbort?.abort();
}

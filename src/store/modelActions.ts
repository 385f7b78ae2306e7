/**
 * What the UI can do with models. The engine singleton lives in src/engine; this module keeps the
 * serialisable picture of it in the model store and owns the abort controllers of loads and runs.
 */
import * as engine from '../engine';
import { toEngineError, type EngineErrorCode } from '../engine/errors';
import type { GenerateResult, ModelEntry, ChatTurn } from '../engine/types';
import { adoptModelDefaults, samplingParams } from './settings';
import { createTokenBatcher } from './tokenBatcher';
import { useModel, type ModelState, type ShownError } from './model';
import { listKept, removeKept } from '../engine/opfs';
import { keepLocalModel } from './storage';
import { forgetServerKey, saveServerModels, savedServerModels, serverEntry, serverKey, setServerKey, type ServerModelSpec } from './serverModels';

const set = (patch: Partial<ModelState>) => useModel.setState(patch);
const get = () => useModel.getState();

/** The user's own model files never enter the store: they stay here, by model id. */
const localFiles = new Map<string, File[]>();
let loadAbort: AbortController | null = null;
let runAbort: AbortController | null = null;

const USER_MODELS_KEY = 'taiyi.userModels';

/** Ids of models added by URL that have loaded at least once (here or on an earlier visit): only these are remembered. */
const provenIds = new Set<string>();

/**
 * Models added by URL are remembered here (URL, engine and label only, rebuilt through the checks of adding a URL);
 * picked files are not (their entries would point at nothing after a reload): the ones kept in OPFS come back from
 * there instead.
 */
function savedUrlModels(): ModelEntry[] {
  let saved: unknown;
  try {
    const text = localStorage.getItem(USER_MODELS_KEY);
    saved = text === null ? undefined : JSON.parse(text);
  } catch (err) {
    console.warn(`saved models: unreadable, ignored (${String(err)})`);
    return [];
  }
  const { entries, problems } = engine.restoreUserModels(saved, location.href);
  // whatever was left out is dropped from storage with the next save
  for (const problem of problems) console.warn(problem);
  for (const e of entries) provenIds.add(e.id);
  return entries;
}

/** Remembers the added URL models that have loaded once; one that never loaded stays for this visit only. */
function saveUrlModels() {
  saveServerModels(get().entries);
  try {
    // server models are remembered on their own (store/serverModels.ts)
    const proven = get().entries.filter((e) => e.engine !== 'openai' && (!e.user_added || provenIds.has(e.id)));
    localStorage.setItem(USER_MODELS_KEY, JSON.stringify(engine.savedUserModels(proven)));
  } catch {
    // storage full or disabled: the model still works for this visit
  }
}

/** Reads models.json and probes the hardware; run once at start. */
export async function initModels(): Promise<void> {
  // kept files are a convenience: a storage that cannot be listed must not keep the registry from showing
  const [registry, hardware, kept] = await Promise.all([engine.loadRegistry(), engine.probeHardware(), listKept().catch(() => [])]);
  const known = new Set(registry.entries.map((e) => e.id));
  // GGUF files picked on an earlier visit and kept in OPFS (see store/storage.ts) are offered again
  const keptEntries = kept.map((k) => {
    const entry = engine.entryFromFiles(k.files);
    localFiles.set(entry.id, k.files);
    return entry;
  });
  const user = [...savedUrlModels(), ...savedServerModels(), ...keptEntries, ...get().entries.filter((e) => e.user_added)].filter(
    (e, i, all) => !known.has(e.id) && all.findIndex((o) => o.id === e.id) === i,
  );
  set({
    entries: [...registry.entries, ...user],
    registryProblems: registry.problems,
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

/** What the user gives to add a model that runs on a server. */
export interface ServerModelInput extends ServerModelSpec {
  apiKey?: string;
  /** Keep the key on this device (otherwise it lasts this visit). */
  rememberKey: boolean;
}

/** Adds a model on an OpenAI-compatible server and selects it; the key never enters the entry. */
export function addServerModel(input: ServerModelInput): ModelEntry {
  const entry = serverEntry(input);
  setServerKey(entry.id, input.apiKey, input.rememberKey);
  upsertEntry(entry);
  saveUrlModels();
  return entry;
}

/** Forgets a model the user added (never one of models.json). */
export function removeUserModel(id: string) {
  const entries = get().entries.filter((e) => !(e.id === id && e.user_added));
  localFiles.delete(id);
  provenIds.delete(id);
  forgetServerKey(id);
  void removeKept(id); // a kept copy would bring the model back on the next visit
  set({ entries, selectedId: get().selectedId === id ? (entries[0]?.id ?? null) : get().selectedId });
  saveUrlModels();
}

function upsertEntry(entry: ModelEntry) {
  set({ entries: [...get().entries.filter((e) => e.id !== entry.id), entry], selectedId: entry.id });
}

/**
 * Loads the selected model; the engine unloads any other first. Errors land in the store, not in the caller.
 * The status follows the engine's phases: `checking` (GPU probe, the files' addresses), then `loading`.
 */
export async function loadSelected(): Promise<void> {
  const entry = get().entries.find((e) => e.id === get().selectedId);
  if (!entry) return;
  loadAbort?.abort();
  forgetRun();
  const abort = new AbortController();
  loadAbort = abort;
  const startedAt = performance.now();
  set({ status: 'checking', error: null, progress: { fraction: 0, startedAt }, loaded: null });
  try {
    const info = await engine.loadModel(
      { entry, files: localFiles.get(entry.id), apiKey: entry.engine === 'openai' ? serverKey(entry.id) : undefined },
      (p) => {
        const seconds = (performance.now() - startedAt) / 1000;
        const bytesPerSec = p.loadedBytes && seconds > 0.5 ? p.loadedBytes / seconds : undefined;
        set({ status: p.phase === 'checking' ? 'checking' : 'loading', progress: { ...p, startedAt, bytesPerSec } });
      },
      abort.signal,
    );
    if (loadAbort !== abort) return; // cancelled as it finished: the cancel unloads it
    adoptModelDefaults(entry.defaults);
    set({ status: 'ready', loaded: info, progress: null });
    if (entry.user_added && !provenIds.has(entry.id)) {
      provenIds.add(entry.id);
      saveUrlModels();
    }
    // picked files that loaded are kept in OPFS for the next visit, in the background (a bad file is not)
    const picked = localFiles.get(entry.id);
    if (picked) void keepLocalModel(entry, picked);
  } catch (err) {
    if (loadAbort !== abort) return; // cancelled or superseded: whoever did that has set the status
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
  loadAbort?.abort();
  loadAbort = null;
  forgetRun();
  await engine.unloadModel();
  set({ status: 'idle', loaded: null, progress: null, error: null });
}

/** Hides the error; a failed load or a lost model leaves the status `error`, which goes back to what is loaded. */
export const dismissError = () => set(get().status === 'error' ? { error: null, status: get().loaded ? 'ready' : 'idle' } : { error: null });

/** How one generation ended: its result, or the error that stopped it (also shown by the shell, unless handled). */
export type GenerateOutcome = { ok: true; result: GenerateResult } | { ok: false; error: ShownError };

const NOT_READY: GenerateOutcome = { ok: false, error: { code: 'not-loaded' } };

/**
 * Runs one generation on the loaded model, streaming text to `onText` (batched per frame).
 * Errors whose code is in `options.handles` are the caller's to deal with (a chunk too long for the context is
 * split and retried): they are returned without being shown. Others are shown and returned alike.
 */
export async function generate(
  turns: ChatTurn[],
  onText: (piece: string) => void,
  options: { handles?: readonly EngineErrorCode[] } = {},
): Promise<GenerateOutcome> {
  if (get().status !== 'ready') return NOT_READY;
  const abort = new AbortController();
  runAbort = abort;
  const batcher = createTokenBatcher(onText);
  set({ status: 'generating', error: null });
  try {
    const result = await engine.generate({ turns, params: samplingParams() }, batcher.push, abort.signal);
    batcher.drain();
    if (runAbort === abort) set({ status: 'ready' });
    return { ok: true, result };
  } catch (err) {
    batcher.drain();
    const e = toEngineError(err);
    const error: ShownError = { code: e.code, detail: e.detail };
    // an unload or a new load took the model away meanwhile, and has set the status itself
    if (runAbort !== abort) return { ok: false, error };
    // a lost device or exhausted memory leaves no usable model behind: free what is left of it
    if (e.code === 'device-lost' || e.code === 'out-of-memory') {
      set({ status: 'error', error, loaded: null });
      void engine.unloadModel();
    } else {
      set({ status: 'ready', error: options.handles?.includes(e.code) ? null : error });
    }
    return { ok: false, error };
  } finally {
    if (runAbort === abort) runAbort = null;
  }
}

export function stopGeneration() {
  runAbort?.abort();
}

/** Stops the generation under way and disowns it: its outcome no longer sets the status. */
function forgetRun() {
  runAbort?.abort();
  runAbort = null;
}

/**
 * The storage manager's state: the models both engines keep in this browser, the site's quota, and the copy of
 * picked GGUF files into OPFS. Runtime objects (file handles, blobs) stay in the engine layer; only serialisable
 * summaries are stored here.
 */
import { create } from 'zustand';
import { onOtherTabs, tellOtherTabs } from './siteChannel';
import { toEngineError } from '../engine/errors';
import { isKept, keepFiles, removeKept } from '../engine/opfs';
import {
  deleteAllModels,
  deleteStoredModel,
  ensureRoom,
  listStoredModels,
  requestPersistence,
  storageInfo,
  type StorageInfo,
  type StoredModel,
} from '../engine/storage';
import type { ModelEntry } from '../engine/types';
import { loadedEntry, useModel, type ShownError } from './model';
import { unload } from './modelActions';

/** A picked GGUF model being copied into OPFS. */
export interface KeepProgress {
  id: string;
  label: string;
  copied: number;
  total: number;
}

/** What the storage manager shows. */
export interface StorageState {
  models: StoredModel[];
  info: StorageInfo | null;
  /** A listing is under way. */
  refreshing: boolean;
  /** Keys of models being deleted (`all` while everything is). */
  deleting: string[];
  keeping: KeepProgress | null;
  /** Why the last picked model could not be kept, if it could not. */
  keepError: (ShownError & { label: string }) | null;
  error: ShownError | null;
}

/** The storage manager's store; subscribe with selectors. */
export const useStorage = create<StorageState>()(() => ({
  models: [],
  info: null,
  refreshing: false,
  deleting: [],
  keeping: null,
  keepError: null,
  error: null,
}));

const set = (patch: Partial<StorageState>) => useStorage.setState(patch);
const shown = (err: unknown): ShownError => {
  const e = toEngineError(err);
  return { code: e.code, detail: e.detail };
};

/** Lists what is stored and reads the quota again. */
export async function refreshStorage(): Promise<void> {
  set({ refreshing: true });
  try {
    const [models, info] = await Promise.all([listStoredModels(useModel.getState().entries), storageInfo()]);
    set({ models, info, error: null });
  } catch (err) {
    set({ error: shown(err) });
  } finally {
    set({ refreshing: false });
  }
}

/** A kept model's entry goes with its files: its `File`s would fail to read once deleted. */
function forgetEntries(ids: ReadonlySet<string>) {
  if (!ids.size) return;
  useModel.setState((s) => ({
    entries: s.entries.filter((e) => !ids.has(e.id)),
    selectedId: s.selectedId && ids.has(s.selectedId) && s.loaded?.id !== s.selectedId ? null : s.selectedId,
  }));
}

/** What another tab deleted: forget its kept entries here too, and list storage again. */
onOtherTabs((message) => {
  if (message.kind !== 'models-deleted') return;
  forgetEntries(new Set(message.keptIds));
  void refreshStorage();
});

/** True when `model` holds the files of the model the engine has loaded. */
function isLoaded(model: StoredModel): boolean {
  const loaded = loadedEntry(useModel.getState());
  return !!loaded && (model.entryId === loaded.id || model.address === loaded.url);
}

/**
 * Deletes one stored model, then lists again. The loaded model is unloaded first: it must not stay "ready" and
 * answer from files that are gone (and OPFS refuses to remove a file a worker has open).
 */
export async function deleteModel(model: StoredModel): Promise<void> {
  set({ deleting: [...useStorage.getState().deleting, model.key] });
  try {
    if (isLoaded(model)) await unload();
    await deleteStoredModel(model);
    const keptIds = model.location.kind === 'kept' ? [model.location.id] : [];
    forgetEntries(new Set(keptIds));
    tellOtherTabs({ kind: 'models-deleted', keptIds });
  } catch (err) {
    set({ error: shown(err) });
  } finally {
    set({ deleting: useStorage.getState().deleting.filter((k) => k !== model.key) });
  }
  await refreshStorage();
}

/** Deletes every stored model of both engines and every kept file. */
export async function deleteEveryModel(): Promise<void> {
  set({ deleting: ['all'] });
  const kept = new Set(useStorage.getState().models.flatMap((m) => (m.location.kind === 'kept' ? [m.location.id] : [])));
  try {
    await unload();
    await deleteAllModels();
    forgetEntries(kept);
    tellOtherTabs({ kind: 'models-deleted', keptIds: [...kept] });
  } catch (err) {
    set({ error: shown(err) });
  } finally {
    set({ deleting: [] });
  }
  await refreshStorage();
}

/** Asks for persistent storage and shows the answer. */
export async function askPersistence(): Promise<void> {
  try {
    await requestPersistence();
    set({ info: await storageInfo() });
  } catch (err) {
    set({ error: shown(err) });
  }
}

/** Copies under way, by model id: a second request for the same model joins the first instead of racing it. */
const keepsUnderWay = new Map<string, Promise<ShownError | null>>();

/**
 * Keeps a picked GGUF model in OPFS for the next visit, in the background. A model that cannot be kept (no room,
 * a browser without OPFS) still loads from the picked files; `keepError` says why it was not kept.
 * @returns why the model could not be kept, or null when it is kept (now or before)
 */
export function keepLocalModel(entry: ModelEntry, files: readonly File[]): Promise<ShownError | null> {
  const running = keepsUnderWay.get(entry.id);
  if (running) return running;
  const keep = keepFilesOf(entry, files).finally(() => keepsUnderWay.delete(entry.id));
  keepsUnderWay.set(entry.id, keep);
  return keep;
}

async function keepFilesOf(entry: ModelEntry, files: readonly File[]): Promise<ShownError | null> {
  if (await isKept(entry.id)) return null;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  set({ keeping: { id: entry.id, label: entry.label, copied: 0, total }, keepError: null });
  let problem: ShownError | null = null;
  try {
    await ensureRoom(total, entry.label);
    await keepFiles(entry.id, entry.label, files, (copied) => set({ keeping: { id: entry.id, label: entry.label, copied, total } }));
  } catch (err) {
    await removeKept(entry.id).catch(() => undefined);
    problem = shown(err);
    set({ keepError: { ...problem, label: entry.label } });
  } finally {
    set({ keeping: null });
  }
  if (useStorage.getState().info) await refreshStorage(); // the manager has been opened: keep its list current
  return problem;
}

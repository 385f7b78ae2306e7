/**
 * What the UI can do with models. The engine singleton lives in src/engine; this module keeps the
 * serialisable picture of it in the model store and owns the abort controllers of loads and runs.
 */
import * as engine from '../engine';
import { classifyMessage, toEngineError, type EngineErrorCode } from '../engine/errors';
import type { GenerateResult, ModelEntry, ChatTurn } from '../engine/types';
import type { TaskGrammar } from '../core/grammar';
import type { ModelIssue } from '../core/modelkit/types';
import { adoptModelDefaults, samplingParams, useSettings } from './settings';
import { createDisplayBatcher, displayInterval } from './displayPace';
import { whenIdle } from '../core/idle';
import { keepHosting, keptHosting } from './hostingMemory';
import { acceptsGeneration, useModel, type ModelState, type ShownError } from './model';
import { originBlockedByPage } from '../engine/policy';
import { listKept, removeKept } from '../engine/opfs';
import {
  forgetServerKey,
  saveServerModels,
  savedServerModels,
  serverEntry,
  serverKey,
  setServerKey,
  type ServerModelSpec,
} from './serverModels';

const set = (patch: Partial<ModelState>) => useModel.setState(patch);
const get = () => useModel.getState();

/** The user's own model files never enter the store: they stay here, by model id. */
const localFiles = new Map<string, File[]>();
let loadAbort: AbortController | null = null;
/** The generations under way (several only on an engine that serves them concurrently), each by its controller. */
let runs = new Set<AbortController>();
/** A job holds the status `generating` from its first document until `releaseHold` (`generate`'s `held`). */
let holding = false;

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
  const selectedId = get().selectedId ?? engine.defaultModelId(registry.entries, hardware);
  autoSelected = get().selectedId ? null : selectedId;
  set({ entries: [...registry.entries, ...user], registryProblems: registry.problems, hardware, selectedId });
  // in the background, once the first screen is drawn: the page is usable at once, and the marks follow
  whenIdle(() => void checkRegistryHosting(registry.entries));
}

/** The model the page chose by itself, until the user (or `?model=`) chooses one: the hosting check may change it. */
let autoSelected: string | null = null;

/**
 * Asks whether this site hosts each registry entry on it (one small request each, in parallel; entries on other
 * hosts are not asked), marks the answers in the store, and moves the page's own choice to the best model for this
 * device among those not missing.
 */
export async function checkRegistryHosting(entries: readonly ModelEntry[], fetchImpl?: typeof fetch): Promise<void> {
  if (typeof document === 'undefined') return; // outside a page (Node) there is no site to ask
  if (navigator.onLine === false) return; // offline every answer would be "unknown": ask nothing
  const base = engine.pageModelBase();
  const device = get().hardware;
  // a WebLLM build this device cannot run is refused at Load before any request: asking for its files is waste
  const runnable = (e: ModelEntry) => e.engine !== 'webllm' || !device || !engine.webgpuBlocker(device, e);
  const ours = entries.filter((e) => runnable(e) && engine.onThisSite(engine.firstFileUrl(e), location.href, base));
  await Promise.all(
    ours.map(async (entry) => {
      const url = engine.firstFileUrl(entry);
      const kept = keptHosting(url);
      const hosting = kept ?? (await engine.checkHosting(entry, fetchImpl));
      if (!kept) keepHosting(url, hosting);
      set({ hosting: { ...get().hosting, [entry.id]: hosting } });
    }),
  );
  const { hosting, hardware, selectedId } = get();
  if (autoSelected === null || selectedId !== autoSelected) return;
  // confirmed files first, then the ones not asked or without an answer (another host, offline): never a missing one
  const ranked = [
    ...entries.filter((e) => hosting[e.id] === 'hosted'),
    ...entries.filter((e) => !hosting[e.id] || hosting[e.id] === 'unknown'),
  ];
  const best = ranked.length ? engine.defaultModelId(ranked, hardware) : null;
  if (best && best !== selectedId) {
    autoSelected = best;
    set({ selectedId: best });
  }
}

export const selectModel = (id: string) => {
  autoSelected = null;
  set({ selectedId: id });
};

/** Hosts a browser trusts over plain HTTP even from an HTTPS page (a model server on this machine). */
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why the page cannot fetch this address, found before any request: the page's own security policy does not allow
 * its host, or it is plain HTTP on an HTTPS page (the browser blocks mixed content). Either would otherwise surface
 * as a bare network failure. Null when nothing stands in the way.
 */
export function addressProblem(url: string, page: Location | URL | undefined = globalThis.location): ShownError | null {
  if (!page) return null; // outside a page (tests in Node): no policy, no mixed content
  let target: URL;
  try {
    target = new URL(url, page.href);
  } catch {
    return null; // not an address: the entry check says so
  }
  if (page.protocol === 'https:' && target.protocol === 'http:' && !LOOPBACK.test(target.hostname))
    return {
      code: 'mixed-content',
      detail: `${target.href} is plain HTTP on an HTTPS page`,
      params: { url: target.href, https: target.href.replace(/^http:/, 'https:') },
    };
  const blocked = typeof document === 'undefined' ? null : originBlockedByPage(target.href);
  if (blocked)
    return {
      code: 'page-policy',
      detail: `${blocked} is not among the hosts this page may download models from (its Content-Security-Policy)`,
      params: { origin: blocked },
    };
  return null;
}

/** How long the header check of an address may wait for its host: the answer must come within 10 s. */
const ADDRESS_CHECK_TIMEOUT_MS = 6_000;

/** Check issues that mean the file could not be reached, not that it is wrong. */
const UNREACHABLE = new Set<ModelIssue['code']>(['file-missing', 'gguf-part-missing', 'file-unreadable']);
/** A missing file, or a header that could not be read because the connection broke (a cut download). */
const isUnreachable = (issue: ModelIssue) =>
  UNREACHABLE.has(issue.code) || (issue.code === 'gguf-invalid' && classifyMessage(String(issue.params?.reason ?? '')) === 'network');

/**
 * The one way a model address becomes an entry, for "Add a model" and `?model=` alike: the address is checked for
 * what stops it being fetched, a GGUF's header is read (a few kilobytes, by range request) before the whole file
 * is, and only an entry that passes is added, selected and remembered. A refusal is shown as the model error, with
 * the check's problems in `urlCheck`, and nothing is kept.
 * @returns the entry to load, or null when it was refused
 * @throws ModelUrlError when `url` is not a usable address
 */
export async function addCheckedModelUrl(url: string, kind?: ModelEntry['engine']): Promise<ModelEntry | null> {
  const entry = engine.entryFromUrl(url, location.href, kind);
  set({ urlCheck: null });
  const problem = addressProblem(entry.url);
  if (problem) {
    set({ error: problem });
    return null;
  }
  if (entry.engine === 'gguf') {
    let report: { ok: boolean; issues: ModelIssue[] } | null = null;
    let timedOut = false;
    // a host that never answers is named within seconds, as the load's own check would
    const boundedFetch: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(ADDRESS_CHECK_TIMEOUT_MS) }).catch((err: unknown) => {
        if ((err as { name?: string })?.name === 'TimeoutError') timedOut = true;
        throw err;
      });
    try {
      const { checkModelUrl } = await import('../core/modelkit');
      report = await checkModelUrl(entry.url, { contextSize: entry.context_window_size, fetch: boundedFetch });
    } catch {
      // the check itself could not run (its code failed to load offline, say): the load's own checks still
      // apply and report what they find as a translated engine error
    }
    if (timedOut) {
      set({ error: { code: 'network', detail: `${entry.url}: no answer within ${ADDRESS_CHECK_TIMEOUT_MS / 1000} s` } });
      return null;
    }
    // a file the check could not reach is the load's to report (as a network failure that names the file)
    const unreachable = report?.issues.filter((i) => i.severity === 'error').every(isUnreachable);
    if (report && !(unreachable && !report.ok)) set({ urlCheck: { url: entry.url, ok: report.ok, issues: report.issues } });
    if (report && !report.ok && !unreachable) {
      const { describeIssue } = await import('../core/modelkit');
      const detail = report.issues
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.file}: ${describeIssue(i)}`)
        .join('\n');
      set({ error: { code: 'bad-model-file', detail } });
      return null;
    }
  }
  upsertEntry(entry);
  saveUrlModels();
  return entry;
}

/** Adds a model the user typed in (a `.gguf` URL or a WebLLM model URL) and selects it, unchecked. */
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
  autoSelected = null;
  set({ entries: [...get().entries.filter((e) => e.id !== entry.id), entry], selectedId: entry.id });
}

/**
 * Loads the selected model; the engine unloads any other first. Errors land in the store, not in the caller.
 * The status follows the engine's phases: `checking` (GPU probe, the files' addresses), then `loading`.
 */
export async function loadSelected(): Promise<void> {
  const entry = get().entries.find((e) => e.id === get().selectedId);
  if (!entry) return;
  autoSelected = null; // a model on its way is never swapped for another
  // the problems of an earlier address check are about another model
  if (get().urlCheck?.url !== entry.url) set({ urlCheck: null });
  loadAbort?.abort();
  forgetRun();
  const blocked = entry.url.startsWith('local:') ? null : [entry.url, ...(entry.urls ?? [])].map((u) => addressProblem(u)).find(Boolean);
  if (blocked) {
    set({ status: 'error', error: blocked, progress: null });
    return;
  }
  const abort = new AbortController();
  loadAbort = abort;
  const startedAt = performance.now();
  set({ status: 'checking', error: null, progress: { fraction: 0, startedAt }, loaded: null });
  // picked files are copied into OPFS for the next visit while they load, and the load ends with the copy: a copy
  // still running once "ready" shows would be cut off by a reload and lost (the storage manager's code loads then,
  // not with the page)
  const picked = localFiles.get(entry.id);
  const keeping = picked ? import('./storage').then((storage) => storage.keepLocalModel(entry, picked)) : null;
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
    await keeping;
    if (loadAbort !== abort) return; // cancelled as it finished: the cancel unloads it
    adoptModelDefaults(entry.defaults);
    set({ status: 'ready', loaded: info, progress: null });
    if (entry.user_added && !provenIds.has(entry.id)) {
      provenIds.add(entry.id);
      saveUrlModels();
    }
  } catch (err) {
    const e = toEngineError(err);
    // a file the engine cannot load is not kept for the next visit
    if (keeping && e.code === 'bad-model-file') void keeping.then(() => removeKept(entry.id));
    if (loadAbort !== abort) return; // cancelled or superseded: whoever did that has set the status
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
export const dismissError = () =>
  set(get().status === 'error' ? { error: null, status: get().loaded ? 'ready' : 'idle' } : { error: null });

/** Whether a run with an answer grammar will be constrained: the setting is on and the loaded engine can. */
export const constrainsAnswers = (): boolean => useSettings.getState().grammar && get().loaded?.supportsGrammar === true;

/** How one generation ended: its result, or the error that stopped it (also shown by the shell, unless handled). */
export type GenerateOutcome = { ok: true; result: GenerateResult } | { ok: false; error: ShownError };

const NOT_READY: GenerateOutcome = { ok: false, error: { code: 'not-loaded' } };

/**
 * Runs one generation on the loaded model, streaming text to `onText` (batched per frame).
 * Errors whose code is in `options.handles` are the caller's to deal with (a chunk too long for the context is
 * split and retried): they are returned without being shown. Others are shown and returned alike.
 * `options.grammar` constrains the answer when the setting is on and the loaded engine can. On an engine that
 * serves several generations at once (`loaded.concurrent`) calls may overlap; the status is `generating` until the
 * last one ends. `options.held` keeps it `generating` after an answer, for runs that follow one another at once (a
 * job's documents): the page does not re-render twice between them; `releaseHold` ends the hold.
 * `options.signal` stops this generation only (its answer so far ends as `aborted`): a tab's Stop leaves a job
 * running beside it on the same server alone.
 */
export async function generate(
  turns: ChatTurn[],
  onText: (piece: string) => void,
  options: {
    handles?: readonly EngineErrorCode[];
    grammar?: TaskGrammar | null;
    greedy?: boolean;
    held?: boolean;
    signal?: AbortSignal;
  } = {},
): Promise<GenerateOutcome> {
  if (!canGenerate()) return NOT_READY;
  const abort = new AbortController();
  const stop = () => abort.abort();
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const mine = runs;
  mine.add(abort);
  if (options.held) holding = true;
  const batcher = createDisplayBatcher(onText);
  set({ status: 'generating', error: null });
  // an unload or a new load took the model away meanwhile (and has set the status itself) when this run is no longer listed
  const current = () => runs === mine && mine.has(abort);
  const end = () => {
    mine.delete(abort);
    return runs === mine && mine.size === 0;
  };
  try {
    const grammar = options.grammar && constrainsAnswers() ? options.grammar : undefined;
    // scoring runs greedy whatever the user's sampling settings say
    const params = { ...samplingParams(), ...(options.greedy ? { greedy: true } : {}) };
    const request = { turns, params, ...(grammar ? { grammar } : {}), streamEveryMs: displayInterval() };
    const result = await engine.generate(request, batcher.push, abort.signal);
    batcher.drain();
    // a run beside a held job (on a server) leaves the status to the job
    if (current() && end() && !holding) set({ status: 'ready' });
    return { ok: true, result };
  } catch (err) {
    batcher.drain();
    const e = toEngineError(err);
    const error: ShownError = { code: e.code, detail: e.detail };
    if (!current()) return { ok: false, error };
    const last = end();
    // a lost device or exhausted memory leaves no usable model behind, and an engine that ignored Stop was
    // terminated: free what is left of it
    if (e.code === 'device-lost' || e.code === 'out-of-memory' || e.code === 'unresponsive') {
      forgetRun();
      set({ status: 'error', error, loaded: null });
      void engine.unloadModel();
    } else {
      set({ ...(last && !holding ? { status: 'ready' as const } : {}), error: options.handles?.includes(e.code) ? null : error });
    }
    return { ok: false, error };
  } finally {
    mine.delete(abort);
    options.signal?.removeEventListener('abort', stop);
  }
}

/**
 * Whether a generation may start now: the model accepts one, or a job holds it (`generate`'s `held`: a job's next
 * document follows at once) and nothing is in flight.
 */
export const canGenerate = (): boolean => acceptsGeneration(get()) || (holding && runs.size === 0 && !!get().loaded);

/** Ends a hold: the status goes back to `ready` unless a generation is in flight. */
export function releaseHold(): void {
  holding = false;
  if (get().status === 'generating' && runs.size === 0 && get().loaded) set({ status: 'ready' });
}

/** Tokens of whole prompts by the loaded model's tokenizer, or null when it cannot count (see `planChunks`). */
export const countTokens = (prompts: readonly string[]): Promise<number[] | null> => engine.countTokens(prompts);

/** Stops every generation under way and disowns them: their outcomes no longer set the status. */
function forgetRun() {
  for (const run of runs) run.abort();
  runs = new Set();
  holding = false;
}

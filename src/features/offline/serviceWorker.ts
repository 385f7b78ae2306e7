/**
 * The service worker that makes the page work offline (generated at build time by vite-plugin-pwa: it precaches
 * the shell; an engine's code is kept when the engine is first used). A new deployment installs beside the running
 * one and waits: the page offers to reload instead of mixing two versions' code. Registration happens only in
 * production builds, once the page has loaded and is idle, with workbox-window imported lazily so the entry chunk
 * stays small and start-up does not share the network with the precache.
 */
import { create } from 'zustand';
import { whenIdle } from '../../core/idle';
import { engineCodeUrls } from '../../engine/engine-code';
import { registryUrl } from '../../engine/registry';
import type { EngineKind } from '../../engine/types';
import { useModel } from '../../store/model';
import { ENGINE_CODE_CACHE, REGISTRY_CACHE } from './cacheNames';

/** Whether the app works offline here: no service worker, being set up, active, or failed. */
export type OfflineState = 'unsupported' | 'registering' | 'ready' | 'failed';

interface OfflineStore {
  state: OfflineState;
  /** A new version is installed and waits for the user's go-ahead. */
  updateWaiting: boolean;
  /** The worker's error, when registration failed. */
  detail?: string;
}

/** Offline state and the pending update, for the prompt and the storage manager. */
export const useOffline = create<OfflineStore>()(() => ({ state: 'unsupported', updateWaiting: false }));

/** How often an open page looks for a new deployment (browsers also look on every navigation). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let applyUpdate: (() => void) | null = null;
let started = false;

/** Registers the service worker once. Safe to call from effects that run twice. */
export function startServiceWorker(): void {
  if (started) return;
  started = true;
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  useOffline.setState({ state: 'registering' });
  const start = () => void register().catch((err: unknown) => useOffline.setState({ state: 'failed', detail: String(err) }));
  if (document.readyState === 'complete') whenIdle(start);
  else addEventListener('load', () => whenIdle(start), { once: true });
}

async function register(): Promise<void> {
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`);
  let requested = false;
  wb.addEventListener('waiting', () => useOffline.setState({ updateWaiting: true }));
  wb.addEventListener('controlling', (event) => {
    if (!event.isUpdate && !event.isExternal) return;
    // the new version took over: reload so every module comes from one version. When another tab made the
    // switch, this page's lazy chunks may be gone from the cache: offer the reload instead of forcing it
    if (requested) location.reload();
    else useOffline.setState({ updateWaiting: true });
  });
  applyUpdate = () => {
    requested = true;
    // no worker waiting: another tab already switched versions, and only the reload is left to do
    if (registration?.waiting) wb.messageSkipWaiting();
    else location.reload();
  };
  const registration = await wb.register();
  if (!registration) throw new Error('the service worker was not registered');
  // `ready` resolves once a worker is active, i.e. after everything was precached
  await navigator.serviceWorker.ready;
  await keepRegistry().catch(() => undefined);
  keepCodeForOffline();
  useOffline.setState({ state: 'ready' });
  let lastCheck = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastCheck < UPDATE_CHECK_MS) return;
    lastCheck = Date.now();
    void wb.update().catch(() => undefined);
  });
}

/**
 * The first visit is not controlled by the worker, so its fetch of models.json never reached the worker's cache:
 * put a copy there, or the model list would be missing on the next visit if it is offline.
 */
async function keepRegistry(): Promise<void> {
  const url = registryUrl(document.baseURI);
  const cache = await caches.open(REGISTRY_CACHE);
  if (!(await cache.match(url))) await cache.add(url);
}

/**
 * What the worker could not see: code this page fetched before the worker took it over (a first visit), and the
 * engines it runs, now or later (llama.cpp's wasm is fetched by a worker of wllama's own). Kept in the worker's
 * engine cache, so they work offline on the next visit.
 */
function keepCodeForOffline(): void {
  const assets = new URL('assets/', document.baseURI).href;
  const fetched = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((url) => url.startsWith(assets));
  void keepInCache(fetched);
  const keepLoaded = (kind: EngineKind | undefined) => void (kind && keepEngineForOffline(kind));
  keepLoaded(useModel.getState().loaded?.engine);
  useModel.subscribe((s) => keepLoaded(s.loaded?.engine));
}

const keptEngines = new Map<EngineKind, Promise<void>>();

/**
 * Keeps an engine's code for offline use, once per page. A model imported for offline use calls this before it
 * reports success: its first load may well be offline, before the engine ever ran here.
 */
export function keepEngineForOffline(kind: EngineKind): Promise<void> {
  if (!import.meta.env.PROD) return Promise.resolve();
  let kept = keptEngines.get(kind);
  if (!kept) keptEngines.set(kind, (kept = keepInCache(engineCodeUrls(kind))));
  return kept;
}

/** Adds the URLs that no cache holds yet (the precache included) to the engine cache; failures only cost offline use. */
async function keepInCache(urls: readonly string[]): Promise<void> {
  // opening a cache creates it: only once something needs keeping, so a page that keeps nothing (right after
  // "clear all data") brings back no empty cache
  let cache: Cache | null = null;
  for (const url of new Set(urls)) {
    if (await caches.match(url)) continue;
    cache ??= await caches.open(ENGINE_CODE_CACHE).catch(() => null);
    if (!cache) return;
    await cache.add(url).catch(() => undefined);
  }
}

/** Activates the waiting version; the page reloads when it takes over. */
export function updateNow(): void {
  applyUpdate?.();
}

/** Hides the prompt; the new version starts by itself once every tab of the page is closed. */
export function postponeUpdate(): void {
  useOffline.setState({ updateWaiting: false });
}

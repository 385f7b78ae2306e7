/**
 * "Clear all data": everything this site keeps in the browser goes — models of both engines (WebLLM's in Cache
 * Storage, wllama's and the kept files in OPFS), settings, history and whatever else a feature saved (local storage,
 * IndexedDB) — except the app's own precached code, which is not the user's data and keeps the page working offline.
 */
import { unload } from '../../store/modelActions';
import { onOtherTabs, tellOtherTabs } from '../../store/siteChannel';

/** Workbox names its precache `workbox-precache-v2-<scope>`. */
const isAppCache = (name: string) => name.startsWith('workbox-precache');

async function deleteDatabase(name: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = () => resolve();
    // an open connection elsewhere delays deletion until it closes; the reload below closes ours
    request.onblocked = () => resolve();
  });
}

/**
 * Reloads without `?model=`: the start parameters would otherwise add and download the model again at once.
 */
function reloadWithoutModel() {
  const url = new URL(location.href);
  url.searchParams.delete('model');
  url.searchParams.delete('engine');
  location.replace(url);
}

/** Removes all of the site's data, then reloads the page so no state survives in memory. */
export async function clearAllData(reload: () => void = reloadWithoutModel): Promise<void> {
  // the engine lets go of its files first: OPFS refuses to remove a file a worker still has open
  await unload();
  // a late save of a tab would bring its database back (the tabs' storage code comes with the tabs, not the page)
  await (await import('../../store/savedTabs')).stopSavingTabs();
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // storage disabled: nothing was saved there either
  }
  if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    const databases = await indexedDB.databases().catch(() => []);
    await Promise.all(databases.flatMap((db) => (db.name ? [deleteDatabase(db.name)] : [])));
  }
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) if (!isAppCache(name)) await caches.delete(name);
  }
  const opfs = await navigator.storage?.getDirectory?.().catch(() => null);
  if (opfs) {
    const names: string[] = [];
    for await (const name of opfs.keys()) names.push(name);
    for (const name of names) await opfs.removeEntry(name, { recursive: true }).catch(() => undefined);
  }
  tellOtherTabs({ kind: 'cleared' });
  reload();
}

/**
 * Another tab cleared all data: this one lets go of its model and reloads too, so nothing it holds in memory (its
 * model list, settings) is written back into the emptied storage.
 */
export function followClearsFromOtherTabs(reload: () => void = reloadWithoutModel): () => void {
  return onOtherTabs((message) => {
    if (message.kind === 'cleared') void unload().finally(reload);
  });
}

/**
 * Each task tab's input and last result in IndexedDB, so a reload loses neither. One record per tab; "clear
 * all data" deletes the database (`stopSavingTabs` first, so no late write brings it back).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const TABS_DB = 'taiyi-tabs';

export interface SavedTab {
  id: string;
  /** The form's field names when saved: a record of another shape (an older page) is not restored. */
  shape: string;
  form: Record<string, unknown>;
  view: unknown;
}

interface TabsSchema extends DBSchema {
  tabs: { key: string; value: SavedTab };
}

let db: Promise<IDBPDatabase<TabsSchema>> | null = null;
let stopped = false;

/** False where the browser keeps no IndexedDB (a private window of some browsers, Node). */
export const canSaveTabs = () => typeof indexedDB !== 'undefined';

function open(): Promise<IDBPDatabase<TabsSchema>> {
  db ??= openDB<TabsSchema>(TABS_DB, 1, {
    upgrade(database) {
      database.createObjectStore('tabs', { keyPath: 'id' });
    },
    // another tab (or "clear all data") wants the database gone or upgraded: let go of it
    blocking() {
      void closeTabsDb();
    },
  });
  return db;
}

/** Closes the connection, so the database can be deleted; the next call opens it again. */
export async function closeTabsDb(): Promise<void> {
  const current = db;
  db = null;
  if (current) (await current.catch(() => null))?.close();
}

/** The saved record of a tab, or undefined (none, or storage unavailable: the tab simply starts empty). */
export async function readTab(id: string): Promise<SavedTab | undefined> {
  if (!canSaveTabs() || stopped) return undefined;
  try {
    return await (await open()).get('tabs', id);
  } catch {
    return undefined;
  }
}

/** Saves a tab's record; a full or refused storage costs only the next reload's restore. */
export async function writeTab(tab: SavedTab): Promise<void> {
  if (!canSaveTabs() || stopped) return;
  try {
    await (await open()).put('tabs', tab);
  } catch {
    // nothing to do: the tab works as before, it is just not kept
  }
}

/** Stops every further write and closes the database, before "clear all data" deletes it. */
export function stopSavingTabs(): Promise<void> {
  stopped = true;
  return closeTabsDb();
}

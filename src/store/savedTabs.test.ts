import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

/** A fresh page: new modules (stores), the same browser storage. */
async function reloadPage() {
  vi.resetModules();
  const { taskStore } = await import('./taskStore');
  const saved = await import('./savedTabs');
  return { store: taskStore('title'), saved };
}

const settle = (ms = 800) => new Promise((r) => setTimeout(r, ms));

describe('tabs kept across reloads', () => {
  it("brings back a tab's text and result, and nothing once saving has stopped", { timeout: 20_000 }, async () => {
    let { store, saved } = await reloadPage();
    await settle(50);
    store.getState().set({ input: 'An abstract typed before the reload.' });
    store.getState().showView({ title: 'A title', unparsed: [] } as never);
    await settle();

    ({ store, saved } = await reloadPage());
    await vi.waitFor(() => expect(store.getState().input).toBe('An abstract typed before the reload.'));
    expect(store.getState().view).toEqual({ title: 'A title', unparsed: [] });

    await saved.stopSavingTabs();
    store.getState().set({ input: 'typed after "clear all data"' });
    await settle();
    await new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase(saved.TABS_DB);
      r.onsuccess = r.onerror = r.onblocked = () => resolve();
    });
    ({ store } = await reloadPage());
    await settle(200);
    expect(store.getState().input).toBe('');
  });
});

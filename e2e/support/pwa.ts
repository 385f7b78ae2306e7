/** Helpers for specs that depend on the service worker and the Storage & privacy dialog. */
import { expect, type Page } from '@playwright/test';

/**
 * Waits until the service worker is active (everything precached), then reloads so it controls the page: the
 * first visit is never controlled (the worker does not claim pages it did not load).
 */
export async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Opens the Storage & privacy dialog and waits for its list. */
export async function openStorage(page: Page): Promise<void> {
  await page.getByTestId('storage-open').click();
  await expect(page.getByTestId('storage-dialog')).toBeVisible();
  await expect(page.getByTestId('storage-usage')).toBeVisible();
}

/** The site's storage use as the dialog shows it (bytes). */
export async function shownUsage(page: Page): Promise<number> {
  return Number(await page.getByTestId('storage-usage').getAttribute('data-usage'));
}

/** Cache Storage keys by cache name, for the caches whose names start with `prefix`. */
export async function cacheKeys(page: Page, prefix = 'webllm/'): Promise<Record<string, string[]>> {
  return page.evaluate(async (prefix) => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      if (!name.startsWith(prefix)) continue;
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return out;
  }, prefix);
}

import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startAppServer } from './support/app-server';
import { controlledByServiceWorker } from './support/pwa';
import { WATCH_FOR_SHELL } from './support/shell-ready';

const isRegistry = (url: string) => new URL(url).pathname.endsWith('/models.json');

/** The entry module index.html runs (not the `async` head start), as an absolute URL. */
async function entryModule(page: Page): Promise<string> {
  const response = await page.request.get('./');
  const html = await response.text();
  const src = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html has no entry module');
  return new URL(src, response.url()).href;
}

test.describe('start-up', () => {
  test.use({ serviceWorkers: 'block' }); // a first visit: nothing comes from a worker's cache

  test("models.json and the opening tab's code are asked for by the page itself, before its entry runs", async ({ page }) => {
    const entry = await entryModule(page);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // the entry's code is held back: whatever is requested meanwhile was asked for by index.html
    await page.route(entry, async (route) => {
      await held;
      await route.continue();
    });
    const registryRequests: string[] = [];
    page.on('request', (r) => isRegistry(r.url()) && registryRequests.push(r.url()));
    await page.addInitScript(WATCH_FOR_SHELL);

    await page.goto('./?lang=en', { waitUntil: 'commit' });
    await expect.poll(() => registryRequests.length, { message: 'models.json is requested while the entry is held' }).toBe(1);
    release();
    await page.waitForFunction(() => typeof (window as unknown as { shellReadyAt?: number }).shellReadyAt === 'number');

    const { late, entryRan } = await page.evaluate((entryUrl) => {
      const ready = (window as unknown as { shellReadyAt: number }).shellReadyAt;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const entryRan = resources.find((r) => r.name === entryUrl)?.responseEnd ?? NaN;
      // code the shell needed that only the running entry asked for
      const late = resources.filter((r) => /\.js$/.test(r.name) && r.startTime > entryRan && r.startTime < ready).map((r) => r.name);
      return { late, entryRan };
    }, entry);
    expect(entryRan).toBeGreaterThan(0);
    expect(late).toEqual([]);
    // the page read the response it had asked for ahead: one request, and the list came from it
    expect(registryRequests).toHaveLength(1);
    await expect(page.getByTestId('model-select')).toContainText('Taiyi');
  });
});

test.describe("a deployer's edit to models.json", () => {
  // a host that lets browsers keep every file for ten minutes, as GitHub Pages does
  const edited = (registry: string) => registry.replace(/"label": "([^"]+)"/, '"label": "Edited $1"');

  async function visitEditVisit(page: Page, url: string, registry: string, app: { override(path: string, body: string): void }) {
    const select = page.getByTestId('model-select');
    await expect(select).toContainText('Taiyi');
    await expect(select).not.toContainText('Edited');
    app.override('/models.json', edited(registry));
    await page.goto(url);
    await expect(select).toContainText('Edited Taiyi');
  }

  test.describe('on a first visit', () => {
    test.use({ serviceWorkers: 'block' });
    test('shows on the next visit, even where the host lets browsers keep files a while', async ({ page }) => {
      const app = await startAppServer(join(import.meta.dirname, '..', 'dist'), { 'Cache-Control': 'max-age=600' });
      try {
        const registry = await (await fetch(`${app.url}/models.json`)).text();
        await page.goto(`${app.url}/?lang=en`);
        await visitEditVisit(page, `${app.url}/?lang=en`, registry, app);
      } finally {
        await app.close();
      }
    });
  });

  test('shows on the next visit of a page the service worker controls', async ({ page }) => {
    const app = await startAppServer(join(import.meta.dirname, '..', 'dist'), { 'Cache-Control': 'max-age=600' });
    try {
      const registry = await (await fetch(`${app.url}/models.json`)).text();
      await page.goto(`${app.url}/?lang=en`);
      await controlledByServiceWorker(page);
      await visitEditVisit(page, `${app.url}/?lang=en`, registry, app);
    } finally {
      await app.close();
    }
  });
});

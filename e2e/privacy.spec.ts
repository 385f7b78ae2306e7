import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHeaders, startAppServer, type AppServer } from './support/app-server';
import { startModelServer, type ModelServer } from './support/model-server';
import { cacheKeys, controlledByServiceWorker, openStorage } from './support/pwa';

const dist = join(import.meta.dirname, '..', 'dist');
const fixtures = join(import.meta.dirname, '.fixtures');
let server: ModelServer;
let app: AppServer;

test.beforeAll(async () => {
  server = await startModelServer({ root: fixtures });
  // the built app on a plain static server, with the headers dist/_headers asks for, reporting every violation of
  // the header policy (the one workers get) back to the server
  const policy = readHeaders(dist)['Content-Security-Policy'];
  app = await startAppServer(dist, { 'Content-Security-Policy': `${policy}; report-uri /__csp-report` });
});
test.afterAll(async () => {
  await server.close();
  await app.close();
});

const status = (page: Page) => page.getByTestId('model-status');

test('a full task run breaks no security policy and contacts only the page and the model host', async ({ page, context }) => {
  const violations: string[] = [];
  const origins = new Set<string>();
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin);
  });
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });

  await page.goto(`${app.url}/?lang=en&task=playground&model=${encodeURIComponent(`${server.url}/tiny-llama.gguf`)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('settings-max-tokens').fill('12');
  await page.getByTestId('task-input').fill('The patient was given');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-stats')).toBeVisible();
  await expect(page.getByTestId('output-raw')).not.toBeEmpty();
  await openStorage(page); // lazy chunks, the storage listing, the policy readout
  await expect(page.getByTestId('csp-hosts')).toContainText('huggingface.co');
  await expect(page.getByTestId('csp-blocked')).toHaveCount(0);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await page.waitForTimeout(1_000); // violation reports are posted asynchronously
  expect(app.reports).toEqual([]);
  expect(violations).toEqual([]);
  expect([...origins].sort()).toEqual([app.url, server.url].sort());
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // and the policy really holds: an injected inline script does not run
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    return (window as { inlineRan?: boolean }).inlineRan ?? false;
  });
  expect(ran).toBe(false);
});

test('"clear all data" removes models, settings and kept files, and the app still works offline', async ({ page, context }) => {
  await page.goto(`./?lang=en&model=${encodeURIComponent(`${server.url}/tiny-llama.gguf`)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 }); // a load on a busy machine
  await page.getByText('Add a model').click();
  await page.getByTestId('model-file-input').setInputFiles(join(fixtures, 'tiny-llama.gguf'));
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.getByTestId('settings-max-tokens').fill('77');
  await controlledByServiceWorker(page);
  await openStorage(page);
  await expect(page.getByTestId('stored-model')).toHaveCount(2); // the download and the kept file
  expect(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('taiyi.settings')))).toBe(true);

  await page.getByTestId('clear-all-data').click();
  const reloaded = page.waitForEvent('load');
  await page.getByTestId('clear-all-confirm').click();
  await reloaded;
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'taiyi.lang'))).toEqual([]);
  expect(page.url()).not.toContain('model=');
  // only the app's own code (and the model list it fetched again on reload) is left in Cache Storage
  const names = Object.keys(await cacheKeys(page, ''));
  expect(names.filter((n) => !n.startsWith('workbox-precache') && n !== 'taiyi-registry')).toEqual([]);
  expect(names.some((n) => n.startsWith('workbox-precache'))).toBe(true);
  await openStorage(page);
  await expect(page.getByTestId('stored-models-empty')).toBeVisible();
  await expect(page.getByTestId('settings-max-tokens')).not.toHaveValue('77');

  await context.setOffline(true);
  await page.reload();
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
});

test('a GGUF file that does not match the registry’s hash is refused with the integrity message', async ({ page }) => {
  const bytes = readFileSync(join(fixtures, 'tiny-llama.gguf'));
  const sri = `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
  const wrong = `sha256-${createHash('sha256').update('another file').digest('base64')}`;
  const entry = (id: string, file: string) => ({
    id,
    label: id,
    engine: 'gguf',
    url: `${server.url}/tiny-llama.gguf`,
    quantization: 'F32',
    context_window_size: 256,
    prompt_format: 'native',
    languages: ['en'],
    integrity: { file },
  });
  // the first visit is not controlled by the service worker, so the page's own request can be answered here
  await page.route('**/models.json', (route) => route.fulfill({ json: { models: [entry('tampered', wrong), entry('genuine', sri)] } }));
  await page.goto('./?lang=en&model=tampered');
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'integrity');
  await expect(page.getByTestId('model-error')).toContainText('did not match its expected checksum');
  // the bad copy is not kept: the next load downloads again, and the right hash loads
  const served = server.requests.filter((r) => r.path === '/tiny-llama.gguf').length;
  await page.getByTestId('model-select').selectOption('genuine');
  await page.getByTestId('model-load').click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  expect(server.requests.filter((r) => r.path === '/tiny-llama.gguf').length).toBeGreaterThan(served);
});

test('?model= on a host the page may not contact is refused with the page-policy message, in both languages', async ({ page }) => {
  const model = encodeURIComponent('https://models.example.org/taiyi.gguf');
  await page.goto(`${app.url}/?lang=en&model=${model}`);
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'page-policy');
  await expect(page.getByTestId('model-error')).toContainText("This page's security policy does not allow");
  await expect(page.getByTestId('model-error')).toContainText('https://models.example.org');
  await page.goto(`${app.url}/?lang=zh&model=${model}`);
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'page-policy');
  await expect(page.getByTestId('model-error')).toContainText('安全策略不允许');
});

/** Helpers for the specs of engine failures: a page with a registry of the spec's own, typed text, a browser without WebGPU. */
import type { BrowserContext, Page } from '@playwright/test';

/** Starting the WebLLM worker (its 6 MB script) and probing WebGPU take a while on a busy machine. */
export const LOAD_TIMEOUT = 60_000;

/** What the user typed before anything failed; every failure must leave it in place. */
export const TYPED = 'Typed by the user: aspirin and headache.';

/** A WebLLM entry whose files live on the test server at `base` (a GPU check or a stand-in stops it before they matter). */
export const webllmTestEntry = (base: string, id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id,
  engine: 'webllm',
  url: `${base}/${id}/resolve/main/`,
  model_lib: `${base}/${id}/resolve/main/${id}-webgpu.wasm`,
  quantization: 'q4f32_1',
  context_window_size: 2048,
  prompt_format: 'taiyi',
  languages: ['en', 'zh'],
  ...extra,
});

/** A GGUF entry for the model file at `url`, asking llama.cpp for `context` tokens. */
export const ggufTestEntry = (id: string, url: string, context = 256) => ({
  id,
  label: id,
  engine: 'gguf',
  url,
  size_MB: 1,
  quantization: 'F32',
  context_window_size: context,
  prompt_format: 'native',
  languages: ['en'],
});

/** Opens the playground with `models` as the registry, and types `TYPED`. */
export async function openWithRegistry(page: Page, models: object[], query = ''): Promise<void> {
  await page.route('**/models.json', (route) => route.fulfill({ json: { models } }));
  await page.goto(`./?lang=en&task=playground${query}`);
  await page.getByTestId('task-input').fill(TYPED);
}

export async function loadSelected(page: Page, id: string): Promise<void> {
  await page.getByTestId('model-select').selectOption(id);
  await page.getByTestId('model-load').click();
}

/** Requests for a model's own files, from now on (none may happen when a check refuses the model first). */
export function modelRequests(context: BrowserContext, id: string): string[] {
  const seen: string[] = [];
  context.on('request', (r) => r.url().includes(`/${id}/`) && seen.push(r.url()));
  return seen;
}

/** Removes WebGPU from the WebLLM worker (before its own code runs) and, with `inPage`, from the page too. */
export async function withoutWebgpu(page: Page, inPage: boolean): Promise<void> {
  if (inPage) await page.addInitScript(() => delete (Navigator.prototype as { gpu?: unknown }).gpu);
  await page.route('**/assets/webllm.worker-*.js', async (route) => {
    const original = await route.fetch();
    const body = `delete WorkerNavigator.prototype.gpu;\n${await original.text()}`;
    await route.fulfill({ response: original, body });
  });
}

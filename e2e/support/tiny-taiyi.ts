/** The shared tiny Taiyi model and BC5CDR sample: specs that need them skip, saying why, when they are absent. */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { dataPath } from '../../test-data/index.ts';

export const tinyTaiyi = dataPath('fixtures/tiny-taiyi.gguf');
/** Served as is by the model server; the model is never copied into the project. */
export const sharedFixtures = dirname(tinyTaiyi);
export const bc5cdrSample = dataPath('benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt');

/** Why the specs cannot run here, or null when they can. */
export function missingShared(): string | null {
  const missing = [tinyTaiyi, bc5cdrSample].filter((p) => !existsSync(p));
  return missing.length ? `skipped: ${missing.join(' and ')} absent` : null;
}

/** Opens the page on a tab with the tiny Taiyi model loaded from `serverUrl`, and short answers. */
export async function openWithTinyTaiyi(page: Page, serverUrl: string, task: string, maxTokens: number) {
  await page.goto(`./?lang=en&task=${task}&model=${encodeURIComponent(`${serverUrl}/tiny-taiyi.gguf`)}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  await page.locator('.task-settings summary').click();
  await page.getByTestId('settings-max-tokens').fill(String(maxTokens));
}

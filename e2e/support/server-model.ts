/** Adding a model on the OpenAI-compatible test server through "Add a model" → server, as a user does. */
import { expect, type Page } from '@playwright/test';
import type { OpenAITestServer } from './openai-server';

export interface AddServerOptions {
  /** Tick the consent box (asked once per host); otherwise it must not be asked. */
  consent: boolean;
  apiKey?: string;
  /** How the server takes grammars (`server-grammar`); the form's default otherwise. */
  grammar?: string;
}

export async function addServerModel(page: Page, server: OpenAITestServer, options: AddServerOptions) {
  const host = new URL(server.url).host;
  await page.getByText('Add a model').click();
  await page.getByTestId('server-base-url').fill(server.url);
  await page.getByTestId('server-model-name').fill(server.modelName);
  if (options.apiKey) await page.getByTestId('server-api-key').fill(options.apiKey);
  if (options.grammar) await page.getByTestId('server-grammar').selectOption(options.grammar);
  await expect(page.getByTestId('server-host')).toHaveAttribute('data-host', host);
  await expect(page.getByTestId('server-host')).toContainText(`sent to ${host}`);
  if (options.consent) await page.getByTestId('server-consent').check();
  else await expect(page.getByTestId('server-consent')).toHaveCount(0);
  await page.getByTestId('server-add').click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
}

/** Agrees to the server's host beforehand, as an earlier visit would have. */
export async function agreeToHost(page: Page, server: OpenAITestServer) {
  await page.evaluate((origin) => localStorage.setItem('taiyi.serverConsent', JSON.stringify([origin])), new URL(server.url).origin);
}

import { defineConfig } from '@playwright/test';
import { chromiumArgs, systemChromium } from './e2e/support/browser';

// E2E_PORT lets several checkouts run their browser tests side by side on one machine.
const PORT = Number(process.env.E2E_PORT) || 4173;

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://localhost:${PORT}/`,
    launchOptions: { executablePath: systemChromium, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    // Layout, contrast and language at a phone's width, in a dark scheme and in Chinese: only the specs
    // written for them, so the suite does not run four times over.
    { name: 'narrow', testMatch: /layout\.spec\.ts/, use: { browserName: 'chromium', viewport: { width: 360, height: 740 } } },
    { name: 'dark', testMatch: /layout\.spec\.ts/, use: { browserName: 'chromium', colorScheme: 'dark' } },
    { name: 'zh', testMatch: /layout\.spec\.ts/, use: { browserName: 'chromium', locale: 'zh-CN', viewport: { width: 360, height: 740 } } },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

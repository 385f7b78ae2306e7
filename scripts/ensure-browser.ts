/**
 * Before the browser tests: use the system's Chromium when there is one (Debian's, as on CI), otherwise make sure
 * Playwright's own Chromium is installed, so `npm test` works on an ordinary developer machine without a manual step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from '../e2e/support/browser';

if (systemChromium) {
  console.log(`browser tests use ${systemChromium}`);
} else if (existsSync(chromium.executablePath())) {
  console.log(`browser tests use ${chromium.executablePath()}`);
} else {
  console.log("no Chromium found: installing Playwright's (once)");
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
}

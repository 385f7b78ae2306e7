import { existsSync } from 'node:fs';

/** Debian's Chromium where it is installed (CI, this project's machines); Playwright's own browser elsewhere. */
export const systemChromium = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => existsSync(p));

/** Flags that keep headless Chromium quiet on a machine without a network or a sandbox. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

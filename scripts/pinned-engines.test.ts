import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engines' wasm and worker protocols change between releases: an upgrade is a deliberate step
// (docs/reliability.md, "Upgrading an engine"), never a side effect of a fresh install.
const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
};

describe('engine libraries', () => {
  for (const name of ['@mlc-ai/web-llm', '@wllama/wllama']) {
    it(`${name} is pinned to the exact version the lockfile installs`, () => {
      const wanted = pkg.dependencies[name];
      expect(wanted).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages[''].dependencies?.[name]).toBe(wanted);
      expect(lock.packages[`node_modules/${name}`].version).toBe(wanted);
    });
  }
});

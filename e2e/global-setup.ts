import { execFileSync } from 'node:child_process';

/** Generates the deterministic test models the suite loads (nothing downloaded, nothing committed). */
export default function globalSetup() {
  execFileSync('npx', ['tsx', 'scripts/make-test-gguf.ts', 'e2e/.fixtures'], { stdio: 'inherit' });
}

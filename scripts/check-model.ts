/**
 * npm run check-model -- <folder | file.gguf> [--verify] [--lib <model.wasm>] [--context <n>] [--json]
 *
 * Validates a Taiyi build before anyone hosts it: an MLC folder for WebLLM or a GGUF file for llama.cpp. The checks
 * themselves live in src/core/modelkit, shared with the page; this file only adapts them to the file system.
 * Exit code 0 when the build is usable, 1 naming the first blocking problem, 2 for a usage error.
 */
import { createHash } from 'node:crypto';
import { createReadStream, realpathSync } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkModel, describeIssue, firstBlockingIssue, listingSource } from '../src/core/modelkit/index.ts';
import type { ModelReport, ModelSource } from '../src/core/modelkit/index.ts';
import { parseCommandLine, positiveInteger, UsageError } from './cli.ts';

/** Every file under `root` (recursively, skipping dot-files such as a .git folder), with `/`-separated paths and sizes. */
async function walk(root: string): Promise<{ path: string; size: number }[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter(
      (file) =>
        !relative(root, file)
          .split(sep)
          .some((part) => part.startsWith('.')),
    );
  return Promise.all(files.map(async (file) => ({ path: relative(root, file).split(sep).join('/'), size: (await stat(file)).size })));
}

/** `file` relative to `root`, with `/` separators, as sources name files. */
export const relativePath = (root: string, file: string) => relative(root, resolve(file)).split(sep).join('/');

/**
 * A model source over a folder on disk, plus `extra` files elsewhere (a model library kept in another folder),
 * listed by their path relative to the folder. @throws when the folder or an extra file cannot be read
 */
export async function folderSource(root: string, extra: string[] = []): Promise<ModelSource> {
  const outside = await Promise.all(extra.map(async (file) => ({ path: relativePath(root, file), size: (await stat(file)).size })));
  return listingSource([...(await walk(root)), ...outside], async (path, start, end) => {
    const file = resolve(root, path);
    if (start === undefined && end === undefined) return new Uint8Array(await readFile(file));
    const handle = await open(file, 'r');
    try {
      const from = start ?? 0;
      const length = Math.max(0, (end ?? (await handle.stat()).size) - from);
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, from);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  });
}

/** Streams a file through a hash, so multi-gigabyte files never sit in memory. */
export function hashFile(file: string, algorithm: 'md5' | 'sha256', encoding: 'hex' | 'base64'): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash(algorithm);
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest(encoding)));
  });
}

/**
 * What a command-line argument names: the folder to read and, for a GGUF file, the file in it.
 * Null (after saying why on `io`) when it names neither.
 */
export async function resolveTarget(arg: string, io: Io): Promise<{ root: string; target?: string } | null> {
  const info = await stat(arg).catch(() => undefined);
  if (info?.isDirectory()) return { root: resolve(arg) };
  if (info?.isFile() && arg.endsWith('.gguf')) return { root: dirname(resolve(arg)), target: basename(arg) };
  io.err(`${arg}: not a folder or a .gguf file`);
  return null;
}

const mib = (bytes: number | undefined) => (bytes === undefined ? '?' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

/** The report as lines of English text. */
export function formatReport(report: ModelReport, where: string): string[] {
  const rows: [string, string | undefined][] = [];
  if (report.kind === 'mlc') {
    const f = report.facts;
    const needs = f.requiredFeatures.length ? ` (needs WebGPU ${f.requiredFeatures.join(', ')})` : '';
    rows.push(
      ['model type', f.modelType],
      ['quantization', f.quantization && `${f.quantization}${needs}`],
      ['context window', f.contextWindow === undefined ? undefined : `${f.contextWindow} tokens (prefill chunk ${f.prefillChunk ?? '?'})`],
      ['vocabulary', f.vocabSize?.toString()],
      ['weights', `${mib(f.weightBytes)} in ${f.shardCount} shards`],
      ['model library', f.modelLib && `${f.modelLib} (${mib(f.modelLibBytes)})`],
      ['tokenizer files', f.tokenizerFiles.join(', ')],
      ['download', mib(f.downloadBytes)],
      ['GPU memory', f.vramMB === undefined ? undefined : `≈${f.vramMB} MiB at ${f.contextWindow} tokens (estimate)`],
    );
  } else {
    const f = report.facts;
    rows.push(
      ['architecture', f.architecture],
      ['name', f.name],
      ['parts', f.parts.length > 1 ? `${f.parts.length}: ${f.parts.join(', ')}` : undefined],
      ['size', mib(f.totalBytes)],
      ['quantization', f.quantization],
      ['context length', f.contextLength?.toString()],
      ['vocabulary', f.vocabSize?.toString()],
      ['chat template', f.hasChatTemplate ? 'yes' : 'no'],
      ['tensors', f.tensorCount.toString()],
      [
        'memory',
        f.memoryMB === undefined
          ? undefined
          : `≈${f.memoryMB} MiB at ${f.estimateContext} tokens (estimate; the WebAssembly heap holds 4096)`,
      ],
    );
  }
  const lines = [`${report.kind === 'mlc' ? 'MLC build (WebLLM)' : 'GGUF model (llama.cpp)'}: ${where}`];
  for (const [label, value] of rows) if (value) lines.push(`  ${label.padEnd(16)}${value}`);
  for (const issue of report.issues) if (issue.severity === 'warning') lines.push(`warning: ${describeIssue(issue)}`);
  const blocking = firstBlockingIssue(report);
  const errors = report.issues.filter((issue) => issue.severity === 'error').length;
  lines.push(blocking ? `FAIL: ${describeIssue(blocking)}${errors > 1 ? ` (and ${errors - 1} more)` : ''}` : 'OK: ready to host');
  return lines;
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const console_: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

const USAGE = 'usage: npm run check-model -- <folder | file.gguf> [--verify] [--lib <model.wasm>] [--context <n>] [--json]';

/** The command line: the build to check and its options. @throws UsageError */
function parseCheckArgs(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, {
    lib: { type: 'string' },
    context: { type: 'string' },
    verify: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? `one build at a time, got ${positionals.length}` : 'which build?');
  return {
    build: positionals[0]!,
    lib: values.lib,
    context: positiveInteger('context', values.context),
    verify: !!values.verify,
    json: !!values.json,
  };
}

/** Runs the check; returns the process exit code. */
export async function main(argv: string[], io: Io = console_): Promise<number> {
  let args: ReturnType<typeof parseCheckArgs>;
  try {
    args = parseCheckArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { lib } = args;
  const resolved = await resolveTarget(args.build, io);
  if (!resolved) return 2;
  const { root, target } = resolved;
  let source: ModelSource;
  try {
    source = await folderSource(root, lib ? [lib] : []);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const report = await checkModel(source, {
    target,
    verify: args.verify,
    md5: (path) => hashFile(resolve(root, path), 'md5', 'hex'),
    modelLib: lib ? relativePath(root, lib) : undefined,
    contextSize: args.context,
    onProgress: ({ done, total }) => io.err(`verified ${done}/${total}`),
  });
  if (args.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report, target ? join(root, target) : root)) io.out(line);
  return report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}

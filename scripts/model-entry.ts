/**
 * npm run model-entry -- <folder | file.gguf> --url <where it will be hosted>
 *     [--id <id>] [--label <text>] [--lib <model.wasm>] [--lib-url <url>] [--context <n>] [--into <models.json>]
 *     [--no-file-hash]
 *
 * Checks a build (as check-model does) and prints its public/models.json entry: sizes, estimated memory for the
 * context, required WebGPU features and SRI hashes. With --into, adds the entry to a registry file, replacing an
 * entry with the same id. Exit code 0 on success, 1 when the build has a blocking problem, 2 for a usage error.
 */
import { realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildGgufEntry, buildMlcEntry, checkModel, describeIssue, firstBlockingIssue } from '../src/core/modelkit/index.ts';
import type { ModelSource } from '../src/core/modelkit/index.ts';
import type { ModelEntry } from '../src/engine/types.ts';
import { folderSource, hashFile, type Io, relativePath, resolveTarget } from './check-model.ts';
import { parseCommandLine, positiveInteger, UsageError } from './cli.ts';

const console_: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };
const USAGE =
  'usage: npm run model-entry -- <folder | file.gguf> --url <url> [--id <id>] [--label <text>] [--lib <model.wasm>] ' +
  '[--lib-url <url>] [--context <n>] [--into <models.json>] [--no-file-hash]';

/**
 * Puts an entry into a registry document (an array of entries, or an object with a `models` array), replacing any
 * entry with the same id. @throws Error when the document has neither shape
 */
export function mergeEntry(registry: unknown, entry: ModelEntry): unknown {
  const list = Array.isArray(registry)
    ? registry
    : typeof registry === 'object' && registry !== null && Array.isArray((registry as { models?: unknown }).models)
      ? (registry as { models: unknown[] }).models
      : undefined;
  if (!list) throw new Error('expected an array of entries or an object with a "models" array');
  const at = list.findIndex((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === entry.id);
  if (at >= 0) list[at] = entry;
  else list.push(entry);
  return registry;
}

/** The command line: the build, where it will be hosted, and the entry's options. @throws UsageError */
function parseEntryArgs(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, {
    url: { type: 'string' },
    id: { type: 'string' },
    label: { type: 'string' },
    lib: { type: 'string' },
    'lib-url': { type: 'string' },
    context: { type: 'string' },
    into: { type: 'string' },
    'no-file-hash': { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? `one build at a time, got ${positionals.length}` : 'which build?');
  if (!values.url) throw new UsageError('--url is required');
  return { build: positionals[0]!, ...values, url: values.url, context: positiveInteger('context', values.context) };
}

/** Builds (and optionally registers) the entry; returns the process exit code. */
export async function main(argv: string[], io: Io = console_): Promise<number> {
  let args: ReturnType<typeof parseEntryArgs>;
  try {
    args = parseEntryArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { url, lib } = args;
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
  const report = await checkModel(source, { target, modelLib: lib && relativePath(root, lib) });
  for (const issue of report.issues) if (issue.severity === 'warning') io.err(`warning: ${describeIssue(issue)}`);
  const blocking = firstBlockingIssue(report);
  if (blocking) {
    io.err(`FAIL: ${describeIssue(blocking)}`);
    return 1;
  }
  const options = {
    url,
    id: args.id ?? basename(target ?? root).replace(/(-\d{5}-of-\d{5})?\.gguf$/, ''),
    label: args.label,
    modelLibUrl: args['lib-url'],
    contextSize: args.context,
    sri: async (path: string) => `sha256-${await hashFile(resolve(root, path), 'sha256', 'base64')}`,
    hashFile: !args['no-file-hash'],
  };
  const entry: ModelEntry = report.kind === 'mlc' ? await buildMlcEntry(report, options) : await buildGgufEntry(report, options);
  const { into } = args;
  if (into) {
    const registry = mergeEntry(JSON.parse(await readFile(into, 'utf8')), entry);
    await writeFile(into, `${JSON.stringify(registry, null, 2)}\n`, 'utf8');
    io.err(`${into}: entry "${entry.id}" written`);
  }
  io.out(JSON.stringify(entry, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}

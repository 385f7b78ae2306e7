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
import { folderSource, hashFile, type Io, parseArgs, relativePath, resolveTarget } from './check-model.ts';

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
      ? ((registry as { models: unknown[] }).models)
      : undefined;
  if (!list) throw new Error('expected an array of entries or an object with a "models" array');
  const at = list.findIndex((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === entry.id);
  if (at >= 0) list[at] = entry;
  else list.push(entry);
  return registry;
}

/** Builds (and optionally registers) the entry; returns the process exit code. */
export async function main(argv: string[], io: Io = console_): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['url', 'id', 'label', 'lib', 'lib-url', 'context', 'into']);
  const url = flags.get('url');
  if (positional.length !== 1 || typeof url !== 'string' || !url) {
    io.err(USAGE);
    return 2;
  }
  const text = (name: string) => (typeof flags.get(name) === 'string' ? (flags.get(name) as string) : undefined);
  const context = Number(text('context'));
  const resolved = await resolveTarget(positional[0]!, io);
  if (!resolved) return 2;
  const { root, target } = resolved;
  const lib = text('lib');
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
    id: text('id') ?? basename(target ?? root).replace(/(-\d{5}-of-\d{5})?\.gguf$/, ''),
    label: text('label'),
    modelLibUrl: text('lib-url'),
    contextSize: Number.isInteger(context) && context > 0 ? context : undefined,
    sri: async (path: string) => `sha256-${await hashFile(resolve(root, path), 'sha256', 'base64')}`,
    hashFile: !flags.has('no-file-hash'),
  };
  const entry: ModelEntry = report.kind === 'mlc' ? await buildMlcEntry(report, options) : await buildGgufEntry(report, options);
  const into = text('into');
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

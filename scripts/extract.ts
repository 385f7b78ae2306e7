/**
 * Batch extraction over a corpus on a model server:
 *   npm run extract -- --task entities|relations|classify|qa --input <PubTator | BioC JSON | JSONL | folder of .txt>
 *                      --out <file> [--format jsonl|bioc|pubtator|brat] [--preset ID | --types "A,B"] [--lang en|zh|auto]
 *                      [--resume] --engine openai --base-url URL --model NAME [--grammar on|off] [engine options]
 * Every document's result (or its error) is appended to a JSONL progress file as it finishes: `--out` itself for
 * `--format jsonl`, else `<out>.progress.jsonl`, from which the chosen format is written at the end (brat: a folder
 * of .txt/.ann pairs). `--resume` skips the documents already done; failed ones are tried again. A failing document
 * is recorded and the run goes on. Exit codes: 0 done (failures are listed), 1 unusable input or server, 2 wrong usage.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { taskGrammar } from '../src/core/grammar/index.ts';
import { readAnnotationFile, toBiocJson, toBrat, toPubTator, type AnnotatedDocument } from '../src/core/formats/index.ts';
import {
  EXTRACT_TASKS,
  extractDocument,
  jsonlLine,
  readJsonlRecords,
  runJobs,
  type ExtractInput,
  type ExtractTask,
  type Extraction,
} from '../src/core/jobs/index.ts';
import { detectLanguage, type Lang } from '../src/core/lang.ts';
import { ENTITY_PRESETS, LABEL_PRESETS, RELATION_PRESETS } from '../src/core/tasks/presets.ts';
import type { QaFormat } from '../src/core/tasks/qa.ts';
import { toEngineError } from '../src/engine/errors.ts';
import { ENGINE_USAGE, UsageError, connectEngine, takeEngineOptions, takeFlags } from './lib/engine-options.ts';
import { progressBar } from './lib/progress.ts';

const FORMATS = ['jsonl', 'bioc', 'pubtator', 'brat'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: npm run extract -- --task ${EXTRACT_TASKS.join('|')} --input <file or folder> --out <file>
                        [--format ${FORMATS.join('|')}] [--resume] --engine openai --base-url URL --model NAME
  --input     PubTator, BioC JSON, JSONL ({"id", "text"}; QA: {"id", "question", "context"}) or a folder of .txt
  --format    jsonl (default) | bioc | pubtator | brat (a folder); bioc, pubtator and brat hold entities and relations
  --preset    entities: ${Object.keys(ENTITY_PRESETS).join(', ')} (default bc5cdr); relations: ${Object.keys(RELATION_PRESETS).join(', ')}
              (default bc5cdr-cid); classify: ${Object.keys(LABEL_PRESETS).join(', ')} (default hoc)
  --types     "A,B": entity types, relation types or labels instead of a preset
  --qa-format yesno (default) | choice | free
  --lang      en | zh | auto (default: each document's script)
  --resume    go on with an interrupted run (the progress file beside --out)
${ENGINE_USAGE}`;

interface Doc extends ExtractInput {
  /** Kept to write the annotation formats. */
  source?: AnnotatedDocument;
}

/** Reads the corpus: a folder of .txt, JSONL, or an annotation file. @throws Error naming what is wrong */
export function readCorpus(path: string): Doc[] {
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path)
      .filter((n) => n.endsWith('.txt'))
      .sort();
    if (!names.length) throw new Error(`${path}: no .txt files`);
    return names.map((n) => ({ id: basename(n, '.txt'), text: readFileSync(join(path, n), 'utf8') }));
  }
  const content = readFileSync(path, 'utf8');
  if (/\.jsonl$/i.test(path)) {
    return content.split('\n').flatMap((line, i) => {
      if (!line.trim()) return [];
      let r: { id?: unknown; text?: unknown; question?: unknown; context?: unknown };
      try {
        r = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
      if ((typeof r.id !== 'string' && typeof r.id !== 'number') || (typeof r.text !== 'string' && typeof r.question !== 'string'))
        throw new Error(`${path}:${i + 1}: expected {"id", "text"} or {"id", "question", "context"}`);
      const text = typeof r.text === 'string' ? r.text : typeof r.context === 'string' ? r.context : '';
      return [{ id: String(r.id), text, question: typeof r.question === 'string' ? r.question : undefined }];
    });
  }
  const { documents } = readAnnotationFile(content, path);
  return documents.map((d) => ({ id: d.id, text: d.text, source: d }));
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The task with its options in one language. @throws UsageError */
function taskFor(task: string, values: Map<string, string>, lang: Lang): ExtractTask {
  const types = list(values.get('--types'));
  const preset = values.get('--preset');
  const pick = <P extends Record<string, { names: Record<Lang, readonly string[]> }>>(presets: P, fallback: keyof P & string) => {
    const id = preset ?? fallback;
    const found = presets[id];
    if (!found) throw new UsageError(`--preset ${id}: expected one of ${Object.keys(presets).join(', ')}`);
    return found;
  };
  switch (task) {
    case 'entities': {
      const p = pick(ENTITY_PRESETS, 'bc5cdr');
      return {
        task,
        options: { types: types ?? p.names[lang], aliases: 'aliases' in p ? (p.aliases as Record<string, string>) : undefined },
      };
    }
    case 'relations': {
      const p = pick(RELATION_PRESETS, 'bc5cdr-cid');
      return { task, options: { types: types ?? p.names[lang], entityKind: 'entityKind' in p ? String(p.entityKind) : undefined } };
    }
    case 'classify': {
      const p = pick(LABEL_PRESETS, 'hoc');
      return {
        task,
        options: {
          labels: types ?? p.names[lang],
          multiLabel: 'multiLabel' in p ? Boolean(p.multiLabel) : undefined,
          aliases: 'aliases' in p ? (p.aliases as Record<string, string>) : undefined,
        },
      };
    }
    case 'qa': {
      const format = (values.get('--qa-format') ?? 'yesno') as QaFormat;
      if (!['yesno', 'choice', 'free'].includes(format)) throw new UsageError(`--qa-format is yesno, choice or free, not "${format}"`);
      return { task, options: { format } };
    }
  }
  throw new UsageError(`--task is one of ${EXTRACT_TASKS.join(', ')}`);
}

/** Writes the annotation formats from the documents' latest results. */
function writeFormat(format: Exclude<Format, 'jsonl'>, out: string, docs: readonly Doc[], results: ReadonlyMap<string, Extraction>) {
  const annotated: AnnotatedDocument[] = docs.flatMap((d) => {
    const r = results.get(d.id);
    if (!r) return [];
    return [{ id: d.id, text: d.text, passages: d.source?.passages, entities: r.entities ?? [], relations: r.relations ?? [] }];
  });
  if (format === 'bioc') return writeFileSync(out, toBiocJson(annotated));
  if (format === 'pubtator') return writeFileSync(out, toPubTator(annotated));
  mkdirSync(out, { recursive: true });
  for (const doc of annotated) {
    const files = toBrat(doc);
    writeFileSync(join(out, `${doc.id}.txt`), files.txt);
    writeFileSync(join(out, `${doc.id}.ann`), files.ann);
  }
}

/** Runs the tool; resolves with the exit code. */
export async function main(
  argv: readonly string[],
  io: { out(t: string): void; err(t: string): void } = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number> {
  const usage = (message: string) => {
    io.err(`${message}\n${USAGE}\n`);
    return 2;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let engineOptions;
  let values: Map<string, string>;
  try {
    const engine = takeEngineOptions(argv);
    const own = takeFlags(
      engine.rest,
      ['--task', '--input', '--out', '--format', '--preset', '--types', '--qa-format', '--lang'],
      ['--resume'],
    );
    if (own.rest.length) return usage(`unknown argument "${own.rest[0]}"`);
    engineOptions = engine.options;
    values = own.values;
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }
  const task = values.get('--task');
  const input = values.get('--input');
  const out = values.get('--out');
  const format = (values.get('--format') ?? 'jsonl') as Format;
  const langMode = values.get('--lang') ?? 'auto';
  if (!task || !(EXTRACT_TASKS as readonly string[]).includes(task)) return usage(`--task is one of ${EXTRACT_TASKS.join(', ')}`);
  if (!input) return usage('--input is required');
  if (!out) return usage('--out is required');
  if (!FORMATS.includes(format)) return usage(`--format is one of ${FORMATS.join(', ')}`);
  if (format !== 'jsonl' && (task === 'classify' || task === 'qa'))
    return usage(`--format ${format} holds entities and relations; use --format jsonl for ${task}`);
  if (!['en', 'zh', 'auto'].includes(langMode)) return usage('--lang is en, zh or auto');
  if (!engineOptions) return usage('--engine openai --base-url URL --model NAME is required (extraction runs on a model server)');
  let jobs: Record<Lang, ExtractTask>;
  try {
    jobs = { en: taskFor(task, values, 'en'), zh: taskFor(task, values, 'zh') };
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }

  let docs: Doc[];
  try {
    docs = readCorpus(input);
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 1;
  }
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.id)) {
      io.err(`error: ${input}: document id "${d.id}" occurs twice\n`);
      return 1;
    }
    seen.add(d.id);
  }

  const progressFile = format === 'jsonl' ? out : `${out}.progress.jsonl`;
  const results = new Map<string, Extraction>();
  if (existsSync(progressFile) && readFileSync(progressFile, 'utf8').length > 0) {
    if (!values.has('--resume'))
      return usage(`${progressFile} already has results: add --resume to go on with it, or choose another --out`);
    const text = readFileSync(progressFile, 'utf8');
    const read = readJsonlRecords(text);
    if (read.validLength < text.length) truncateSync(progressFile, Buffer.byteLength(text.slice(0, read.validLength)));
    for (const r of read.records) if (!('error' in r)) results.set(String(r.id), r as unknown as Extraction);
  }

  const connected = await connectEngine(engineOptions, io);
  if (!connected) return 1;
  // parts are sized by the server's own tokenizer where it has `/tokenize` (llama-server, vLLM)
  const count = (prompts: readonly string[]) => connected.engine.countTokens(prompts);
  const settings = (lang: Lang) => ({ lang, contextTokens: 2048, answerTokens: connected.params.max_tokens, count });
  // one answer grammar per language: the task and its options are the same for every document
  const grammars = { en: taskGrammar(jobs.en.task, jobs.en.options, 'en'), zh: taskGrammar(jobs.zh.task, jobs.zh.options, 'zh') };
  const bar = progressBar(docs.filter((d) => !results.has(d.id)).length, 'documents');
  const failures: string[] = [];
  const summary = await runJobs({
    items: docs,
    idOf: (d) => d.id,
    skip: new Set(results.keys()),
    concurrency: engineOptions.concurrency,
    step: (d) => {
      const lang: Lang = langMode === 'auto' ? detectLanguage(d.question ?? d.text) : (langMode as Lang);
      return extractDocument(d, jobs[lang], settings(lang), (prompt) => connected.ask(prompt, grammars[lang]));
    },
    onResult: (o, p) => {
      if (o.ok) {
        results.set(o.id, o.result);
        appendFileSync(progressFile, jsonlLine(o.result));
      } else {
        const err = toEngineError(o.error);
        failures.push(`${o.id}: ${err.code}${err.detail ? ` (${err.detail})` : ''}`);
        appendFileSync(progressFile, jsonlLine({ id: o.id, error: { code: err.code, detail: err.detail } }));
      }
      bar.update(p.done, p.failed);
    },
  });
  bar.stop();
  connected.reportRefusals(io);
  if (format !== 'jsonl') writeFormat(format, out, docs, results);
  io.err(`${summary.done - summary.failed} extracted, ${summary.skipped} already done, ${summary.failed} failed → ${out}\n`);
  for (const f of failures.slice(0, 20)) io.err(`failed: ${f}\n`);
  if (failures.length) io.err(`run again with --resume to retry the failed documents (their errors are in ${progressFile})\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * `npm run bench:grammar`: what grammar-constrained decoding buys and costs, through the app's own GGUF engine
 * (worker, wllama, llama.cpp in WebAssembly) in headless Chromium. For each model, 50 held-out sentences of the
 * BC5CDR test sample get Taiyi's entity prompt, once unconstrained and once constrained to the entities grammar;
 * it prints the share of answers that parse (no unread line), overall and among the answers the model ended itself
 * (one cut by the token limit can stop anywhere, even inside a type name), and the decode speed of each.
 * Goals: every constrained answer the model ended parses; constrained decoding keeps ≥ 90 % of the unconstrained
 * tokens/s.
 * Models: the random-weight test model (`make-test-gguf.ts`, which never writes a readable answer by itself)
 * and `../shared/fixtures/tiny-taiyi.gguf` when present. It also checks that llama.cpp parses the grammar of every
 * task and language, and that a grammar it cannot parse runs unconstrained. Exits non-zero when a goal is missed.
 */
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs, systemChromium } from '../e2e/support/browser';
import { splitSentences } from '../src/core/chunk';
import { fromPubTator } from '../src/core/formats/pubtator';
import { taskGrammar, type TaskGrammar } from '../src/core/grammar';
import { CDEE_ROLES } from '../src/core/tasks/events';
import { CMEIE_PREDICATES } from '../src/core/tasks/cmeie-schema';
import { CMEEE_TYPES, ENTITY_PRESETS, KUAKE_QIC_LABELS, LABEL_PRESETS, RELATION_PRESETS } from '../src/core/tasks/presets';
import { buildNerPrompt, parseNer, type NerOptions } from '../src/core/tasks/ner';
import { writeTestModels } from './make-test-gguf';
import type { BenchAnswer } from './bench-grammar/page';

const DOCUMENTS = 50;
const MAX_TOKENS = Number(process.env.BENCH_MAX_TOKENS ?? 48);
const PARSE_GOAL = 1;
const SPEED_GOAL = 0.9;

const root = join(import.meta.dirname, 'bench-grammar');
const shared = join(import.meta.dirname, '..', '..', 'shared');
const sample = join(shared, 'benchmarks', 'bc5cdr', 'CDR_TestSet.sample.PubTator.txt');
const tinyTaiyi = join(shared, 'fixtures', 'tiny-taiyi.gguf');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** Taiyi's slide wording for BC5CDR, the one the tiny model was trained on. */
const NER: NerOptions = { types: ['Chemical', 'Disease'], template: 1 };

/** The first sentences (titles included) of the BC5CDR test sample: held out from every model's training. */
function documents(): string[] {
  const { documents: docs } = fromPubTator(readFileSync(sample, 'utf8'));
  const sentences = docs.flatMap((d) => splitSentences(d.text).map((c) => c.text.trim()));
  return sentences.filter((s) => s.length > 20).slice(0, DOCUMENTS);
}

interface Figures {
  parsed: number;
  /** Share that parse among the answers the model ended itself (a token limit can cut any answer anywhere). */
  parsedEnded: number;
  empty: number;
  stopped: number;
  tokensPerSec: number;
  rejected: number;
}

const parses = (a: BenchAnswer) => parseNer(a.text, NER).unparsed.length === 0;

/** Summed over the answers: decode speed is total tokens over total decode time. */
function figures(answers: readonly BenchAnswer[]): Figures {
  const tokens = answers.reduce((n, a) => n + a.completionTokens, 0);
  const seconds = answers.reduce((n, a) => n + (a.decodeTokensPerSec > 0 ? a.completionTokens / a.decodeTokensPerSec : 0), 0);
  return {
    parsed: answers.filter(parses).length / answers.length,
    parsedEnded:
      answers.filter((a) => a.finishReason === 'stop' && parses(a)).length / answers.filter((a) => a.finishReason === 'stop').length,
    empty: answers.filter((a) => !a.text.trim()).length,
    stopped: answers.filter((a) => a.finishReason === 'stop').length,
    tokensPerSec: seconds > 0 ? tokens / seconds : 0,
    rejected: answers.filter((a) => a.grammar === 'rejected').length,
  };
}

/** The grammar of every task with a format, in both languages, as the tabs and datasets build them. */
const ALL_GRAMMARS: ReadonlyArray<readonly [string, TaskGrammar | null]> = [
  ['entities CMeEE (zh)', taskGrammar('entities', { types: CMEEE_TYPES }, 'zh')],
  ['entities BC5CDR (zh)', taskGrammar('entities', { types: ENTITY_PRESETS.bc5cdr.names.zh }, 'zh')],
  ['relations DDI (en)', taskGrammar('relations', { types: RELATION_PRESETS.ddi.names.en }, 'en')],
  ['relations CMeIE, 53 predicates (zh)', taskGrammar('relations', { types: CMEIE_PREDICATES }, 'zh')],
  ['events (en)', taskGrammar('events', { eventTypes: ['Treatment of disease', 'Cause of disease'], roles: ['Cause', 'Theme'] }, 'en')],
  ['events CHIP-CDEE (zh)', taskGrammar('events', { eventTypes: ['临床发现'], roles: CDEE_ROLES }, 'zh')],
  ['classify LitCovid (en)', taskGrammar('classify', { labels: LABEL_PRESETS.litcovid.names.en, multiLabel: true }, 'en')],
  ['classify KUAKE-QIC (zh)', taskGrammar('classify', { labels: KUAKE_QIC_LABELS }, 'zh')],
  ['qa choice (en)', taskGrammar('qa', { format: 'choice', choices: { A: 'Warm compresses', B: 'Ketotifen eye drops' } }, 'en')],
  ['qa choice (zh)', taskGrammar('qa', { format: 'choice', choices: { A: '2小时', B: '4小时内' } }, 'zh')],
  ['qa yes/no/maybe (en)', taskGrammar('qa', { format: 'yesno' }, 'en')],
  ['qa yes/no/maybe (zh)', taskGrammar('qa', { format: 'yesno' }, 'zh')],
  ['similarity (zh)', taskGrammar('similarity', {}, 'zh')],
];

/** Real validation of the GBNF text: llama.cpp parses every task's grammar (a short constrained run each). */
async function everyGrammarParses(run: (prompt: string, grammar: TaskGrammar) => Promise<BenchAnswer>): Promise<boolean> {
  const refused: string[] = [];
  for (const [label, grammar] of ALL_GRAMMARS) {
    const answer = await run('the patient', grammar!);
    if (answer.grammar !== 'applied') refused.push(`${label}: ${answer.grammarError}`);
  }
  console.log(
    `  llama.cpp parses the grammar of every task: ${refused.length ? `NO\n    ${refused.join('\n    ')}` : `ok (${ALL_GRAMMARS.length} grammars)`}`,
  );
  return refused.length === 0;
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(x * 100).toFixed(0)} %`);

async function main() {
  if (!existsSync(sample)) {
    console.log(`skipped: ${sample} is absent (the held-out sentences come from it)`);
    return;
  }
  const out = mkdtempSync(join(tmpdir(), 'bench-grammar-'));
  const models = mkdtempSync(join(tmpdir(), 'bench-grammar-models-'));
  const files: Record<string, string> = { 'tiny-llama.gguf': writeTestModels(models).tinyLlama };
  if (existsSync(tinyTaiyi)) files['tiny-taiyi.gguf'] = tinyTaiyi;
  else console.log(`tiny-taiyi: skipped, ${tinyTaiyi} is absent`);

  await build({ root, base: './', logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const model = /^\/models\/([\w.-]+)$/.exec(path)?.[1];
    const file = model ? files[model] : join(out, path === '/' ? 'index.html' : path);
    if (!file || (!model && !file.startsWith(out)) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: systemChromium, args: chromiumArgs });
  const docs = documents();
  const grammar = taskGrammar('entities', NER, 'en')!;
  let ok = true;
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(base);
    await page.waitForFunction(() => typeof window.grammarBench === 'object');
    console.log(`entities (Chemical, Disease), ${docs.length} held-out BC5CDR sentences, greedy, at most ${MAX_TOKENS} answer tokens`);
    for (const name of Object.keys(files)) {
      await page.evaluate(([url]) => window.grammarBench.load(url, 1024), [`${base}models/${name}`] as const);
      const answer = (doc: string, constrained: boolean) =>
        page.evaluate(([p, g, n]) => window.grammarBench.run(p, g, n), [
          buildNerPrompt(doc, NER, 'en'),
          constrained ? grammar : null,
          MAX_TOKENS,
        ] as const);
      const answers = { free: [] as BenchAnswer[], bound: [] as BenchAnswer[] };
      // alternating which goes first, so neither side gets the warm-up or the warmed caches
      for (const [i, doc] of docs.entries()) {
        for (const constrained of i % 2 ? [true, false] : [false, true])
          answers[constrained ? 'bound' : 'free'].push(await answer(doc, constrained));
      }
      const free = { answers: answers.free, f: figures(answers.free) };
      const bound = { answers: answers.bound, f: figures(answers.bound) };
      const speed = free.f.tokensPerSec > 0 ? bound.f.tokensPerSec / free.f.tokensPerSec : 0;
      const line = (label: string, f: Figures) =>
        `  ${label.padEnd(14)} parse ${pct(f.parsed).padStart(5)}, of the ${f.stopped} the model ended ${pct(f.parsedEnded).padStart(5)}` +
        `  (empty ${f.empty})  decode ${f.tokensPerSec.toFixed(1)} tokens/s`;
      console.log(name);
      console.log(line('unconstrained', free.f));
      console.log(line('grammar', bound.f));
      // an answer the token limit cut may stop inside a type name; every answer the model ended must parse
      const parseOk = bound.f.parsedEnded >= PARSE_GOAL;
      console.log(
        `  constrained answers that parse: ${pct(bound.f.parsed)}; of those the model ended: ${pct(bound.f.parsedEnded)} (goal 100 %): ${parseOk ? 'ok' : 'MISSED'}`,
      );
      console.log(
        `  constrained speed: ${pct(speed)} of unconstrained (goal ≥ ${pct(SPEED_GOAL)}): ${speed >= SPEED_GOAL ? 'ok' : 'MISSED'}`,
      );
      for (const a of bound.answers.filter((x) => !parses(x)).slice(0, 5))
        console.log(
          `  unread constrained answer${a.finishReason === 'length' ? ', cut by the token limit' : ''} (${a.finishReason}, ${a.completionTokens} tokens): ${JSON.stringify(a.text)}`,
        );
      if (bound.f.rejected)
        console.log(
          `  the engine refused the grammar ${bound.f.rejected} time(s): ${bound.answers.find((a) => a.grammarError)?.grammarError}`,
        );
      console.log(`  e.g. ${JSON.stringify(free.answers[0]!.text.slice(0, 80))} → ${JSON.stringify(bound.answers[0]!.text.slice(0, 80))}`);
      ok &&= parseOk && speed >= SPEED_GOAL && bound.f.rejected === 0;
      // the way out: a grammar llama.cpp cannot parse runs unconstrained, and the result says so
      const broken = { gbnf: 'root ::= ("unclosed"', ebnf: 'root ::= ("unclosed"' };
      const refused = await page.evaluate(([p, g, n]) => window.grammarBench.run(p, g, n), [
        buildNerPrompt(docs[0]!, NER, 'en'),
        broken,
        8,
      ] as const);
      const fellBack = refused.grammar === 'rejected' && refused.completionTokens > 0;
      console.log(
        `  a malformed grammar: ${fellBack ? 'refused, answered unconstrained' : 'NOT handled'} (${refused.grammarError ?? refused.grammar})`,
      );
      ok = ok && fellBack;
      if (name === 'tiny-llama.gguf') {
        const parsed = await everyGrammarParses((p, g) => page.evaluate(([pr, gr]) => window.grammarBench.run(pr, gr, 4), [p, g] as const));
        ok &&= parsed;
      }
      await page.evaluate(() => window.grammarBench.unload());
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(models, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

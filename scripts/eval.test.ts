import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../src/core/benchmarks/index.ts';
import type { BenchmarkExample } from '../src/core/benchmarks/index.ts';
import { selectExamples } from '../src/core/benchmarks/sample.ts';
import { SHARED_DIR, dataPath, missingData } from '../test-data/index.ts';
import { taskGrammar } from '../src/core/grammar/index.ts';
import { main } from './eval.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Relative to the project, as a user would type it (`../shared/benchmarks/` by default).
const BENCH = `${relative(ROOT, SHARED_DIR)}/benchmarks/`;
const missing = (...names: string[]) => missingData(...names.map((n) => `benchmarks/${n}`));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Runs the tool in process over real sample files plus in-memory ones. */
function run(argv: string[], memory: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const written: Record<string, string> = {};
  const code = main(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    readFile: (p) => memory[p] ?? written[p] ?? readFileSync(ROOT + p, 'utf8'),
    writeFile: (p, t) => (written[p] = t),
  });
  return { code, out, err, written };
}

const jsonl = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('npm run eval', () => {
  it.skipIf(missing('kuake_qic/KUAKE-QIC_dev.sample.json'))('emits prompts with canonical gold, then scores rendered gold at 100', () => {
    const input = `${BENCH}kuake_qic/KUAKE-QIC_dev.sample.json`;
    const emitted = run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p.jsonl', '--limit', '5']);
    expect(emitted.code).toBe(0);
    const records = jsonl(emitted.written['p.jsonl']);
    expect(records).toHaveLength(5);
    expect(Object.keys(records[0])).toEqual(['id', 'dataset', 'prompt', 'gold', 'generation']);
    expect(records[0].generation).toEqual({ greedy: true, temperature: 0, top_p: 1, max_tokens: 64 });
    expect(records[0]).toMatchObject({ id: 's1', dataset: 'kuake-qic', gold: { labels: ['治疗方案'] } });
    const predictions = records
      .map((r: BenchmarkExample) => JSON.stringify({ id: r.id, output: DATASETS['kuake-qic'].render(r) }))
      .join('\n');
    const scored = run(['--dataset', 'kuake-qic', '--input', input, '--predictions', 'pred.jsonl', '--limit', '5', '--out', 'm.json'], {
      'pred.jsonl': predictions,
    });
    expect(scored.code).toBe(0);
    const metrics = JSON.parse(scored.out);
    expect(Object.keys(metrics).slice(0, 7)).toEqual(['dataset', 'metric', 'score', 'precision', 'recall', 'n', 'per_type']);
    expect(metrics).toMatchObject({ dataset: 'kuake-qic', metric: 'micro_f1', score: 100, n: 5, missing: 0 });
    expect(JSON.parse(scored.written['m.json'])).toEqual(metrics);
  });

  it.skipIf(missing('medqa_mcmle/test.sample.jsonl'))(
    '--grammar on adds the grammar of each answer in both dialects; off or unasked, none',
    () => {
      const input = `${BENCH}medqa_mcmle/test.sample.jsonl`;
      const { examples } = DATASETS['medqa-mcmle'].load([{ path: input, content: readFileSync(ROOT + input, 'utf8') }]);
      const r = run(['--dataset', 'medqa-mcmle', '--input', input, '--emit-prompts', 'p.jsonl', '--grammar', 'on', '--limit', '3']);
      expect(r.code).toBe(0);
      const records = jsonl(r.written['p.jsonl']);
      expect(records).toHaveLength(3);
      for (const [i, rec] of records.entries()) {
        expect(rec.grammar).toEqual(taskGrammar('qa', { format: 'choice', choices: examples[i].choices }, 'zh'));
        expect(rec.grammar.gbnf).toContain(`"${examples[i].gold && 'answer' in examples[i].gold ? examples[i].gold.answer : ''}"`);
      }
      const off = run(['--dataset', 'medqa-mcmle', '--input', input, '--emit-prompts', 'p.jsonl', '--grammar', 'off', '--limit', '1']);
      expect(jsonl(off.written['p.jsonl'])[0]).not.toHaveProperty('grammar');
      expect(run(['--dataset', 'medqa-mcmle', '--input', input, '--emit-prompts', 'p.jsonl', '--grammar', 'yes']).code).toBe(2);
    },
  );

  it.skipIf(missing('medqa_usmle/test.sample.jsonl'))('reports missing predictions and counts them as wrong', () => {
    const input = `${BENCH}medqa_usmle/test.sample.jsonl`;
    const r = run(['--dataset', 'medqa-usmle', '--input', input, '--predictions', 'pred.jsonl'], {
      'pred.jsonl': '{"id": "0", "output": "C"}\n',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ metric: 'accuracy', score: 5, n: 20, missing: 19 });
    expect(r.err).toMatch(/19 of 20 examples have no prediction in pred\.jsonl and count as wrong: 1, 2, 3/);
  });

  it.skipIf(missing('pubmedqa/ori_pqal.sample.json', 'pubmedqa/test_ground_truth.sample.json'))('takes both PubMedQA files', () => {
    const r = run([
      '--dataset',
      'pubmedqa',
      '--input',
      `${BENCH}pubmedqa/ori_pqal.sample.json`,
      '--input',
      `${BENCH}pubmedqa/test_ground_truth.sample.json`,
      '--emit-prompts',
      'p.jsonl',
    ]);
    expect(r.code).toBe(0);
    expect(jsonl(r.written['p.jsonl'])[0]).toMatchObject({ id: '12377809', gold: { answer: 'yes' } });
  });

  it('lists prompt variants, one "name description" line each', () => {
    const listed = run(['--dataset', 'cmeie', '--variants']);
    expect(listed.code).toBe(0);
    const lines = listed.out.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['all-types', 'per-type', 'by-subject']);
    expect(lines.every((l) => /^\S+ \S.*/.test(l))).toBe(true);
    expect(run(['--dataset', 'hoc', '--variants']).out).toMatch(/^labels .*\nwith-none .*None/);
    expect(run(['--dataset', 'ncbi-disease', '--variants']).out).toMatch(/^default the verified wording/);
  });

  it.skipIf(missing('cmeie/CMeIE-V2_dev.sample.jsonl'))('emits one prompt per relation type and scores the pooled answers', () => {
    const input = `${BENCH}cmeie/CMeIE-V2_dev.sample.jsonl`;
    const emitted = run(['--dataset', 'cmeie', '--input', input, '--variant', 'per-type', '--limit', '2', '--emit-prompts', 'p.jsonl']);
    const records = jsonl(emitted.written['p.jsonl']);
    expect(records.length).toBe(2 * 44);
    expect(records[0].id).toBe('0#预防');
    expect(records[0].prompt).toMatch(/^给出句子中预防关系类型的实体对：/);
    // Answer each prompt with the gold pairs of its type, bare, as a one-type answer reads.
    const predictions = records.map((r: { id: string; gold: { relations: { type: string; head: string; tail: string }[] } }) => {
      const type = r.id.split('#')[1];
      const pairs = r.gold.relations.filter((x) => x.type === type).map((x) => `[${x.head}, ${x.tail}]`);
      return JSON.stringify({ id: r.id, output: pairs.join('; ') || '无' });
    });
    const scored = run(['--dataset', 'cmeie', '--input', input, '--variant', 'per-type', '--limit', '2', '--predictions', 'pred.jsonl'], {
      'pred.jsonl': predictions.join('\n'),
    });
    expect(JSON.parse(scored.out)).toMatchObject({ score: 100, missing: 0 });
  });

  it.skipIf(missing('bc5cdr/CDR_TestSet.sample.PubTator.txt'))('adds strict span-level figures for NER sets with --spans', () => {
    const input = relative(ROOT, dataPath('benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt'));
    const emitted = run(['--dataset', 'bc5cdr-chem', '--input', input, '--emit-prompts', 'p.jsonl']);
    const predictions = jsonl(emitted.written['p.jsonl'])
      .map((r: BenchmarkExample) => JSON.stringify({ id: r.id, output: DATASETS['bc5cdr-chem'].render(r) }))
      .join('\n');
    const r = run(['--dataset', 'bc5cdr-chem', '--input', input, '--predictions', 'pred.jsonl', '--spans'], { 'pred.jsonl': predictions });
    expect(r.code).toBe(0);
    const metrics = JSON.parse(r.out);
    expect(metrics.score).toBe(100);
    expect(Object.keys(metrics.spans)).toEqual(['precision', 'recall', 'f1', 'tp', 'fp', 'fn']);
    expect(metrics.spans.recall).toBe(100);
    expect(metrics.spans.precision).toBeGreaterThan(99);
    expect(r.err).toMatch(/bc5cdr-chem: F1 100 \(mention strings, as the paper scores\) · span-level F1 \d/);
  });

  it.skipIf(missing('kuake_qic/KUAKE-QIC_dev.sample.json'))('--seed picks --limit examples at random, the same ones the page picks', () => {
    const input = `${BENCH}kuake_qic/KUAKE-QIC_dev.sample.json`;
    const all = jsonl(run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p.jsonl']).written['p.jsonl']).map(
      (r: { id: string }) => r.id,
    );
    const picked = jsonl(
      run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p.jsonl', '--limit', '5', '--seed', '7']).written['p.jsonl'],
    ).map((r: { id: string }) => r.id);
    expect(picked).toEqual(selectExamples(all, { limit: 5, seed: 7 }));
    expect(picked).not.toEqual(all.slice(0, 5));
    expect(run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p', '--seed', '7']).err).toMatch(
      /--seed picks --limit examples at random/,
    );
  });

  it('fails with a precise message for unusable input', () => {
    const cases: [string[], Record<string, string>, number, RegExp][] = [
      [['--dataset', 'nope', '--input', 'x', '--emit-prompts', 'p'], {}, 2, /unknown dataset "nope"; expected one of bc5cdr-chem/],
      [['--dataset', 'hoc', '--emit-prompts', 'p'], {}, 2, /--input is required/],
      [['--dataset', 'hoc', '--input', 'x'], {}, 2, /nothing to do/],
      [['--dataset', 'hoc', '--input', 'x', '--limit', '0', '--emit-prompts', 'p'], {}, 2, /--limit needs a positive whole number/],
      [['--dataset', 'hoc', '--input', 'x', '--bogus'], {}, 2, /unknown argument "--bogus"/],
      [
        ['--dataset', 'hoc', '--input', 'x', '--variant', 'nope', '--emit-prompts', 'p'],
        {},
        2,
        /unknown variant "nope" for hoc; expected one of labels, with-none/,
      ],
      [['--dataset', 'hoc', '--input', 'x', '--spans', '--emit-prompts', 'p'], {}, 2, /--spans scores NER sets; hoc is not one/],
      [
        ['--dataset', 'hoc', '--input', 'x', '--limit', 'abc', '--emit-prompts', 'p'],
        {},
        2,
        /--limit needs a positive whole number, not "abc"/,
      ],
      [['--dataset', 'hoc', '--input'], {}, 2, /--input needs a value/],
      [['--dataset', 'hoc', 'stray', '--input', 'x', '--emit-prompts', 'p'], {}, 2, /unknown argument "stray"/],
      [['--dataset', 'hoc', '--input', 'missing.tsv', '--emit-prompts', 'p'], {}, 1, /error: missing\.tsv: cannot read file \(ENOENT\)/],
    ];
    // These read the HoC sample; without the shared folder only the cases above run.
    const withSample: typeof cases = [
      [
        ['--dataset', 'cmeee', '--input', `${BENCH}hoc/test.sample.tsv`, '--emit-prompts', 'p'],
        {},
        1,
        new RegExp(`error: ${escape(BENCH)}hoc/test\\.sample\\.tsv:1: not a JSON line`),
      ],
      [
        ['--dataset', 'hoc', '--input', `${BENCH}hoc/test.sample.tsv`, '--predictions', 'pred.jsonl'],
        { 'pred.jsonl': '{"id": "12553062_s0", "output": "Result: none"}\n{"id": "nope", "output": ""}\n' },
        1,
        /error: pred\.jsonl:2: prediction for unknown id "nope"/,
      ],
      [
        ['--dataset', 'hoc', '--input', `${BENCH}hoc/test.sample.tsv`, '--predictions', 'pred.jsonl'],
        { 'pred.jsonl': '{"id": "12553062_s0", "output": "Result: none"}\n{"id": "12553062_s1", "output": \n' },
        1,
        /error: pred\.jsonl:2: not a JSON line/,
      ],
    ];
    if (!missing('hoc/test.sample.tsv')) cases.push(...withSample);
    for (const [argv, memory, code, message] of cases) {
      const r = run(argv, memory);
      expect({ argv, code: r.code }).toEqual({ argv, code });
      expect(r.err).toMatch(message);
    }
  });

  it.skipIf(missing('cmeee/CMeEE-V2_dev.sample.json'))(
    'exits non-zero as a real process',
    () => {
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/eval.ts',
          '--dataset',
          'litcovid',
          '--input',
          `${BENCH}cmeee/CMeEE-V2_dev.sample.json`,
          '--emit-prompts',
          '/dev/null',
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/CMeEE-V2_dev\.sample\.json:\d+: expected pmid<tab>text<tab>labels: wrong file for litcovid\?/);
    },
    30_000,
  );
});

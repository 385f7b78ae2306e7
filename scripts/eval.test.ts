import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../src/core/benchmarks/index.ts';
import type { BenchmarkExample } from '../src/core/benchmarks/index.ts';
import { selectExamples } from '../src/core/benchmarks/sample.ts';
import { main } from './eval.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = '../shared/benchmarks/';

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

const jsonl = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l));

describe('npm run eval', () => {
  it('emits prompts with canonical gold, then scores rendered gold at 100', () => {
    const input = `${BENCH}kuake_qic/KUAKE-QIC_dev.sample.json`;
    const emitted = run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p.jsonl', '--limit', '5']);
    expect(emitted.code).toBe(0);
    const records = jsonl(emitted.written['p.jsonl']);
    expect(records).toHaveLength(5);
    expect(Object.keys(records[0])).toEqual(['id', 'dataset', 'prompt', 'gold']);
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

  it('reports missing predictions and counts them as wrong', () => {
    const input = `${BENCH}medqa_usmle/test.sample.jsonl`;
    const r = run(['--dataset', 'medqa-usmle', '--input', input, '--predictions', 'pred.jsonl'], {
      'pred.jsonl': '{"id": "0", "output": "C"}\n',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ metric: 'accuracy', score: 5, n: 20, missing: 19 });
    expect(r.err).toMatch(/19 of 20 examples have no prediction in pred\.jsonl and count as wrong: 1, 2, 3/);
  });

  it('takes both PubMedQA files', () => {
    const r = run([
      '--dataset', 'pubmedqa',
      '--input', `${BENCH}pubmedqa/ori_pqal.sample.json`,
      '--input', `${BENCH}pubmedqa/test_ground_truth.sample.json`,
      '--emit-prompts', 'p.jsonl',
    ]);
    expect(r.code).toBe(0);
    expect(jsonl(r.written['p.jsonl'])[0]).toMatchObject({ id: '12377809', gold: { answer: 'yes' } });
  });

  it('--seed picks --limit examples at random, the same ones the page picks', () => {
    const input = `${BENCH}kuake_qic/KUAKE-QIC_dev.sample.json`;
    const all = jsonl(run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p.jsonl']).written['p.jsonl']).map((r: { id: string }) => r.id);
    const picked = jsonl(run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p.jsonl', '--limit', '5', '--seed', '7']).written['p.jsonl']).map(
      (r: { id: string }) => r.id,
    );
    expect(picked).toEqual(selectExamples(all, { limit: 5, seed: 7 }));
    expect(picked).not.toEqual(all.slice(0, 5));
    expect(run(['--dataset', 'kuake-qic', '--input', input, '--emit-prompts', 'p', '--seed', '7']).err).toMatch(/--seed picks --limit examples at random/);
  });

  it('fails with a precise message for unusable input', () => {
    const cases: [string[], Record<string, string>, number, RegExp][] = [
      [['--dataset', 'nope', '--input', 'x', '--emit-prompts', 'p'], {}, 2, /unknown dataset "nope"; expected one of bc5cdr-chem/],
      [['--dataset', 'hoc', '--emit-prompts', 'p'], {}, 2, /--input is required/],
      [['--dataset', 'hoc', '--input', 'x'], {}, 2, /nothing to do/],
      [['--dataset', 'hoc', '--input', 'x', '--limit', '0', '--emit-prompts', 'p'], {}, 2, /--limit needs a positive whole number/],
      [['--dataset', 'hoc', '--input', 'x', '--bogus'], {}, 2, /unknown argument "--bogus"/],
      [['--dataset', 'hoc', '--input', 'missing.tsv', '--emit-prompts', 'p'], {}, 1, /error: missing\.tsv: cannot read file \(ENOENT\)/],
      [['--dataset', 'cmeee', '--input', `${BENCH}hoc/test.sample.tsv`, '--emit-prompts', 'p'], {}, 1, /error: \.\.\/shared\/benchmarks\/hoc\/test\.sample\.tsv:1: not a JSON line/],
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
    for (const [argv, memory, code, message] of cases) {
      const r = run(argv, memory);
      expect({ argv, code: r.code }).toEqual({ argv, code });
      expect(r.err).toMatch(message);
    }
  });

  it('exits non-zero as a real process', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--dataset', 'litcovid', '--input', `${BENCH}cmeee/CMeEE-V2_dev.sample.json`, '--emit-prompts', '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/CMeEE-V2_dev\.sample\.json:\d+: expected pmid<tab>text<tab>labels: wrong file for litcovid\?/);
  }, 30_000);
});

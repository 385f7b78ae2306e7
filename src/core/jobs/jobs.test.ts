import { describe, expect, it } from 'vitest';
import { readJsonlRecords, jsonlLine, runJobs, type JobOutcome } from './index.ts';

const delay = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const items = Array.from({ length: 10 }, (_, i) => ({ id: `d${i}`, ms: (i * 7) % 5 }));

describe('runJobs', () => {
  it('runs every item once with at most `concurrency` at a time, reporting as each finishes', async () => {
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const summary = await runJobs({
      items,
      idOf: (d) => d.id,
      concurrency: 3,
      step: async (d) => {
        peak = Math.max(peak, ++running);
        await delay(d.ms);
        running--;
        return d.id.toUpperCase();
      },
      onResult: (o) => void order.push(o.ok ? o.result : 'failed'),
    });
    expect(peak).toBe(3);
    expect([...order].sort()).toEqual(items.map((d) => d.id.toUpperCase()).sort());
    expect(summary).toMatchObject({ done: 10, failed: 0, total: 10, skipped: 0, stopped: false });
  });

  it('skips ids already done', async () => {
    const ran: string[] = [];
    const summary = await runJobs({ items, idOf: (d) => d.id, skip: new Set(['d0', 'd5']), step: async (d) => void ran.push(d.id) });
    expect(ran).not.toContain('d0');
    expect(ran).toHaveLength(8);
    expect(summary).toMatchObject({ total: 8, skipped: 2, done: 8 });
  });

  it('records a failing item and goes on', async () => {
    const outcomes: JobOutcome<(typeof items)[number], string>[] = [];
    const summary = await runJobs({
      items,
      idOf: (d) => d.id,
      concurrency: 2,
      step: async (d) => {
        if (d.id === 'd3') throw new Error('bad document');
        return d.id;
      },
      onResult: (o) => void outcomes.push(o),
    });
    expect(summary).toMatchObject({ done: 10, failed: 1 });
    const bad = outcomes.find((o) => !o.ok)!;
    expect(bad.id).toBe('d3');
    expect(!bad.ok && (bad.error as Error).message).toBe('bad document');
  });

  it('starts nothing new once aborted, and says it stopped', async () => {
    const abort = new AbortController();
    const ran: string[] = [];
    const summary = await runJobs({
      items,
      idOf: (d) => d.id,
      concurrency: 2,
      signal: abort.signal,
      step: async (d) => {
        ran.push(d.id);
        if (ran.length === 3) abort.abort();
        await delay(1);
      },
    });
    expect(ran).toHaveLength(3);
    expect(summary.stopped).toBe(true);
    expect(summary.done).toBe(3);
  });

  it('reports one at a time even when reporting is slow', async () => {
    let inReport = 0;
    let overlap = false;
    await runJobs({
      items,
      idOf: (d) => d.id,
      concurrency: 4,
      step: async () => undefined,
      onResult: async () => {
        if (++inReport > 1) overlap = true;
        await delay(1);
        inReport--;
      },
    });
    expect(overlap).toBe(false);
  });

  it('refuses duplicate ids', async () => {
    await expect(runJobs({ items: [{ id: 'a' }, { id: 'a' }], idOf: (d) => d.id, step: async () => 1 })).rejects.toThrow('"a"');
  });
});

describe('readJsonlRecords', () => {
  it('reads whole lines and drops a torn last line', () => {
    const text = jsonlLine({ id: 'a', output: 'x' }) + jsonlLine({ id: 7, output: 'y' }) + '{"id": "c", "out';
    const read = readJsonlRecords(text);
    expect([...read.ids]).toEqual(['a', '7']);
    expect(read.validLength).toBe(text.lastIndexOf('\n') + 1);
    expect(read.badLines).toEqual([]);
  });

  it('reports lines that are not records with an id', () => {
    const text = '{"id":"a"}\nnot json\n{"x":1}\n\n';
    const read = readJsonlRecords(text);
    expect(read.badLines).toEqual([2, 3]);
    expect(read.validLength).toBe(text.length);
  });
});

import { describe, expect, it } from 'vitest';
import { MemoryJobStore } from './memoryStore.testutil';
import { JobRunner, requeueFailed, type DocOutcome } from './queue';
import { jobProgress, progressTitle } from './progress';
import { isPartial, newJob, type Job, type JobDoc } from './types';

const usage = { promptTokens: 10, completionTokens: 5, generationMs: 100 };
const done = (doc: JobDoc): DocOutcome => ({ kind: 'done', raw: [`answer ${doc.docId}`], result: { id: doc.docId }, usage });

async function setup(n: number) {
  const store = new MemoryJobStore();
  const { job, docs } = newJob(
    { id: 'j1', kind: 'batch', task: 'entities', options: {}, title: 't' },
    Array.from({ length: n }, (_, i) => ({ docId: `d${i}`, input: { text: `text ${i}` } })),
  );
  await store.save(job, docs);
  return { store, job: (await store.getJob('j1'))! };
}

/** A process whose runs can be held open and released one by one. */
function gated() {
  const calls: string[] = [];
  const pending = new Map<string, { release: (o: DocOutcome) => void; signal: AbortSignal }>();
  const process = (doc: JobDoc, signal: AbortSignal) =>
    new Promise<DocOutcome>((resolve) => {
      calls.push(doc.docId);
      signal.addEventListener('abort', () => resolve({ kind: 'interrupted' }), { once: true });
      pending.set(doc.docId, { release: resolve, signal });
    });
  return { calls, pending, process };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
async function until(cond: () => boolean) {
  for (let i = 0; i < 200 && !cond(); i++) await tick();
  expect(cond()).toBe(true);
}

/** Records each document the store saves, as `stored <id> <status>`, in a list other events can join. */
function savesOf(store: MemoryJobStore): string[] {
  const events: string[] = [];
  const save = store.save.bind(store);
  store.save = (j: Job, docs: JobDoc[]) => {
    for (const d of docs) events.push(`stored ${d.docId} ${d.status}`);
    return save(j, docs);
  };
  return events;
}

describe('JobRunner', () => {
  it('with `later`, hands the next document to its process before storing the last one, and stores all in order', async () => {
    const { store, job } = await setup(3);
    const events = savesOf(store);
    await new JobRunner(job, {
      store,
      later: async () => void (await tick()),
      process: async (doc) => {
        // the way to an engine passes a few awaits, as a page's does
        for (let i = 0; i < 20; i++) await Promise.resolve();
        events.push(`process ${doc.docId}`);
        return done(doc);
      },
    }).run();
    // d1 starts before d0's result is stored; every write lands, in the order made
    expect(events.indexOf('process d1')).toBeLessThan(events.indexOf('stored d0 done'));
    expect(events.filter((e) => e.startsWith('stored'))).toEqual([
      'stored d0 running',
      'stored d0 done',
      'stored d1 running',
      'stored d1 done',
      'stored d2 running',
      'stored d2 done',
    ]);
    expect(store.all('j1').map((d) => d.status)).toEqual(['done', 'done', 'done']);
  });

  it('runs every document once, in order, and ends done with its counts and totals', async () => {
    const { store, job } = await setup(10);
    const order: string[] = [];
    const final = await new JobRunner(job, {
      store,
      batchSize: 3,
      process: async (doc) => {
        order.push(doc.docId);
        return done(doc);
      },
    }).run();
    expect(order).toEqual(Array.from({ length: 10 }, (_, i) => `d${i}`));
    expect(final.state).toBe('done');
    expect(final.counts).toEqual({ queued: 0, running: 0, done: 10, failed: 0 });
    expect(final.totals).toEqual({ promptTokens: 100, completionTokens: 50, generationMs: 1000 });
    const stored = store.all('j1');
    expect(stored.map((d) => d.status)).toEqual(Array(10).fill('done'));
    expect(stored.every((d) => d.starts === 1 && d.raw[0] === `answer ${d.docId}`)).toBe(true);
    expect((await store.getJob('j1'))!.state).toBe('done');
  });

  it('keeps at most `concurrency` documents in flight and starts them in order', async () => {
    const { store, job } = await setup(5);
    const g = gated();
    const running = new JobRunner(job, { store, concurrency: 2, process: g.process }).run();
    await until(() => g.calls.length === 2);
    await tick();
    expect(g.calls).toEqual(['d0', 'd1']);
    g.pending.get('d1')!.release(done({ docId: 'd1' } as JobDoc));
    await until(() => g.calls.length === 3);
    expect(g.calls[2]).toBe('d2');
    for (const id of ['d0', 'd2']) g.pending.get(id)!.release(done({ docId: id } as JobDoc));
    await until(() => g.calls.length === 5);
    for (const id of ['d3', 'd4']) g.pending.get(id)!.release(done({ docId: id } as JobDoc));
    expect((await running).counts.done).toBe(5);
  });

  it('with several in flight, documents finishing out of order, a pause and a crash, each ends with exactly one result', async () => {
    const { store, job } = await setup(12);
    const g = gated();
    const runner = new JobRunner(job, { store, concurrency: 4, batchSize: 5, process: g.process });
    const first = runner.run();
    await until(() => g.calls.length === 4);
    // the fourth and second finish first
    for (const id of ['d3', 'd1']) g.pending.get(id)!.release(done({ docId: id } as JobDoc));
    await until(() => g.calls.length === 6);
    expect(g.calls).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    runner.pause();
    const paused = await first;
    expect(paused.counts).toEqual({ queued: 10, running: 0, done: 2, failed: 0 });
    expect(['d0', 'd2', 'd4', 'd5'].every((id) => g.pending.get(id)!.signal.aborted)).toBe(true);

    // resumed at four at once; the page goes away while d6 … d9 run
    const second = gated();
    void new JobRunner((await store.getJob('j1'))!, { store, concurrency: 4, process: second.process }).run();
    await until(() => second.calls.length === 4);
    expect(second.calls).toEqual(['d0', 'd2', 'd4', 'd5']);
    for (const id of ['d5', 'd0', 'd4', 'd2']) second.pending.get(id)!.release(done({ docId: id } as JobDoc));
    await until(() => second.calls.length === 8);
    await tick();
    const survived = new MemoryJobStore();
    survived.jobs = structuredClone(store.jobs);
    survived.docs = structuredClone(store.docs);

    const third: string[] = [];
    const final = await new JobRunner((await survived.getJob('j1'))!, {
      store: survived,
      concurrency: 4,
      process: async (doc) => {
        third.push(doc.docId);
        await new Promise((r) => setTimeout(r, (12 - doc.index) % 3));
        return done(doc);
      },
    }).run();
    expect(third).toEqual(['d6', 'd7', 'd8', 'd9', 'd10', 'd11']);
    expect(final.state).toBe('done');
    expect(final.counts).toEqual({ queued: 0, running: 0, done: 12, failed: 0 });
    expect(final.totals.completionTokens).toBe(12 * usage.completionTokens);
    const docs = survived.all('j1');
    expect(docs.map((d) => d.raw)).toEqual(docs.map((d) => [`answer ${d.docId}`]));
    // a document is written `done` once: no save repeats a finished one
    const doneWrites = survived.log.flatMap((l) => l.docs.filter((d) => d.status === 'done').map((d) => d.index));
    expect(new Set(doneWrites).size).toBe(doneWrites.length);
  });

  it('after a crash mid-document, the document runs again and every document has exactly one result', async () => {
    const { store, job } = await setup(6);
    const g = gated();
    void new JobRunner(job, { store, process: g.process }).run();
    for (const id of ['d0', 'd1', 'd2']) {
      await until(() => g.pending.has(id));
      g.pending.get(id)!.release(done({ docId: id } as JobDoc));
    }
    await until(() => g.pending.has('d3'));
    await tick();
    // The page goes away: only what was written survives; the promise of d3 never settles.
    const survived = new MemoryJobStore();
    survived.jobs = structuredClone(store.jobs);
    survived.docs = structuredClone(store.docs);
    const stored = (await survived.getJob('j1'))!;
    expect(stored.state).toBe('running');
    expect(survived.all('j1')[3].status).toBe('running');

    const second: string[] = [];
    const final = await new JobRunner(stored, {
      store: survived,
      process: async (doc) => {
        second.push(doc.docId);
        return done(doc);
      },
    }).run();
    expect(second).toEqual(['d3', 'd4', 'd5']);
    expect(final.counts).toEqual({ queued: 0, running: 0, done: 6, failed: 0 });
    const docs = survived.all('j1');
    expect(docs.map((d) => d.status)).toEqual(Array(6).fill('done'));
    expect(docs.map((d) => d.starts)).toEqual([1, 1, 1, 2, 1, 1]);
    expect(docs.map((d) => d.raw)).toEqual(docs.map((d) => [`answer ${d.docId}`]));
  });

  it('pause cuts off the document in flight and queues it again; resume goes on from there', async () => {
    const { store, job } = await setup(4);
    const g = gated();
    const runner = new JobRunner(job, { store, process: g.process });
    const first = runner.run();
    await until(() => g.pending.has('d0'));
    g.pending.get('d0')!.release(done({ docId: 'd0' } as JobDoc));
    await until(() => g.pending.has('d1'));
    runner.pause();
    const paused = await first;
    expect(paused.state).toBe('paused');
    expect(g.pending.get('d1')!.signal.aborted).toBe(true);
    expect(paused.counts).toEqual({ queued: 3, running: 0, done: 1, failed: 0 });
    expect(store.all('j1').map((d) => d.status)).toEqual(['done', 'queued', 'queued', 'queued']);

    const resumed = await new JobRunner((await store.getJob('j1'))!, { store, process: async (doc) => done(doc) }).run();
    expect(resumed.state).toBe('done');
    expect(store.all('j1').map((d) => d.starts)).toEqual([1, 2, 1, 1]);
    expect(g.calls).toEqual(['d0', 'd1']);
  });

  it('cancel stops for good and leaves the rest queued', async () => {
    const { store, job } = await setup(3);
    const g = gated();
    const runner = new JobRunner(job, { store, process: g.process });
    const run = runner.run();
    await until(() => g.pending.has('d0'));
    runner.cancel();
    const final = await run;
    expect(final.state).toBe('cancelled');
    expect(final.counts.queued).toBe(3);
  });

  it('an interruption with a reason (the model went away) pauses the job and says why', async () => {
    const { store, job } = await setup(3);
    const final = await new JobRunner(job, {
      store,
      process: async (doc) => (doc.index === 1 ? { kind: 'interrupted', reason: 'device-lost' } : done(doc)),
    }).run();
    expect(final.state).toBe('paused');
    expect(final.pauseReason).toBe('device-lost');
    expect(store.all('j1').map((d) => d.status)).toEqual(['done', 'queued', 'queued']);
  });

  it('failed documents keep their error; retrying queues them again and runs only them', async () => {
    const { store, job } = await setup(5);
    const failing = (doc: JobDoc): DocOutcome =>
      doc.index % 2 ? { kind: 'failed', raw: ['garbled'], error: { code: 'context-overflow', message: 'too long' } } : done(doc);
    const first = await new JobRunner(job, { store, process: async (doc) => failing(doc) }).run();
    expect(first.state).toBe('done');
    expect(first.counts).toEqual({ queued: 0, running: 0, done: 3, failed: 2 });
    expect(store.all('j1')[1].error).toEqual({ code: 'context-overflow', message: 'too long' });

    expect(await requeueFailed(store, first)).toBe(2);
    expect(first.counts).toEqual({ queued: 2, running: 0, done: 3, failed: 0 });
    const again: string[] = [];
    const final = await new JobRunner(first, {
      store,
      process: async (doc) => {
        again.push(doc.docId);
        return done(doc);
      },
    }).run();
    expect(again).toEqual(['d1', 'd3']);
    expect(final.counts.done).toBe(5);
    expect(store.all('j1')[1].error).toBeUndefined();
  });

  it('keeps each document’s finish reasons (partial when one is `length`) and the job the refused grammar', async () => {
    const { store, job } = await setup(3);
    const final = await new JobRunner(job, {
      store,
      process: async (doc) =>
        doc.index === 1
          ? { ...done(doc), finishReasons: ['stop', 'length'], grammarRejected: 'failed to parse grammar' }
          : doc.index === 2
            ? { kind: 'failed', raw: ['x'], error: { code: 'unknown', message: 'no' }, finishReasons: ['length'] }
            : { ...done(doc), finishReasons: ['stop'] },
    }).run();
    const docs = store.all('j1');
    expect(docs.map((d) => d.finishReasons)).toEqual([['stop'], ['stop', 'length'], ['length']]);
    expect(docs.map(isPartial)).toEqual([false, true, true]);
    expect(final.grammarRejected).toBe('failed to parse grammar');
    expect((await store.getJob('j1'))!.grammarRejected).toBe('failed to parse grammar');
    // a job stored before finish reasons were kept reads as whole
    expect(isPartial({ finishReasons: undefined })).toBe(false);
    await requeueFailed(store, final);
    expect(store.all('j1')[2].finishReasons).toBeUndefined();
  });

  it('records the model and settings of each run once, and which run gave each document its answers', async () => {
    const { store, job } = await setup(4);
    const taiyi = {
      model: { id: 'taiyi', label: 'Taiyi', engine: 'gguf', build: 'Q4_K_M https://h/t.gguf' },
      settings: { temperature: 0.3, top_p: 0.9, max_tokens: 500, greedy: false },
      startedAt: '2026-12-01T10:00:00.000Z',
      page: '1.0.0',
    };
    /** A run that pauses itself after `count` documents. */
    const pausingAfter = (count: number, source: typeof taiyi, from: Job) => {
      let n = 0;
      const runner: JobRunner = new JobRunner(from, {
        store,
        source,
        process: async (doc) => {
          if (++n === count) runner.pause();
          return done(doc);
        },
      });
      return runner.run();
    };
    const paused = await pausingAfter(2, taiyi, job);
    expect(paused.state).toBe('paused');
    expect(paused.runs).toEqual([taiyi]);
    // a resume on the same model and settings (later) adds no entry; one on another model does
    await pausingAfter(1, { ...taiyi, startedAt: '2026-12-01T11:00:00.000Z' }, (await store.getJob('j1'))!);
    const qwen = { ...taiyi, model: { id: 'qwen', label: 'Qwen', engine: 'webllm', build: 'q4f16_1 https://h/q/' } };
    const last = await pausingAfter(0, qwen, (await store.getJob('j1'))!);
    expect(last.state).toBe('done');
    expect(last.runs).toEqual([taiyi, qwen]);
    expect(store.all('j1').map((d) => d.run)).toEqual([0, 0, 0, 1]);
    // a retried document forgets the run that failed it
    const failing = await setup(1);
    const failed = await new JobRunner(failing.job, {
      store: failing.store,
      source: taiyi,
      process: async () => ({ kind: 'failed', raw: [], error: { code: 'unknown', message: 'x' } }),
    }).run();
    expect(failing.store.all('j1')[0].run).toBe(0);
    await requeueFailed(failing.store, failed);
    expect(failing.store.all('j1')[0].run).toBeUndefined();
  });

  it('runs a job stored before runs were kept, and without a source records none', async () => {
    const { store, job } = await setup(2);
    const final = await new JobRunner(job, { store, process: async (d) => done(d) }).run();
    expect(final.runs).toBeUndefined();
    expect(store.all('j1').map((d) => 'run' in d)).toEqual([false, false]);
  });

  it('a process that throws fails that document only', async () => {
    const { store, job } = await setup(2);
    const final = await new JobRunner(job, {
      store,
      process: async (doc) => {
        if (doc.index === 0) throw new Error('boom');
        return done(doc);
      },
    }).run();
    expect(final.counts).toMatchObject({ done: 1, failed: 1 });
    expect(store.all('j1')[0].error).toEqual({ code: 'unknown', message: 'boom' });
  });

  it('reads an answered document once the next has gone to its process, once each, and stores it done with its result', async () => {
    const { store, job } = await setup(3);
    const events = savesOf(store);
    const final = await new JobRunner(job, {
      store,
      later: async () => void (await tick()),
      process: async (doc): Promise<DocOutcome> => {
        events.push(`process ${doc.docId}`);
        const result = () => {
          events.push(`read ${doc.docId}`);
          return { id: doc.docId };
        };
        return { kind: 'answered', raw: [`answer ${doc.docId}`], result, usage, finishReasons: ['stop'] };
      },
    }).run();
    expect(events.indexOf('process d1')).toBeLessThan(events.indexOf('read d0'));
    expect(events.indexOf('process d2')).toBeLessThan(events.indexOf('read d1'));
    expect(events.filter((e) => e.startsWith('read'))).toEqual(['read d0', 'read d1', 'read d2']);
    // read before its done status is stored, and stored done once
    expect(events.indexOf('read d0')).toBeLessThan(events.indexOf('stored d0 done'));
    expect(events.filter((e) => e.endsWith(' done'))).toEqual(['stored d0 done', 'stored d1 done', 'stored d2 done']);
    expect(final.state).toBe('done');
    expect(final.counts).toEqual({ queued: 0, running: 0, done: 3, failed: 0 });
    expect(final.totals.completionTokens).toBe(3 * usage.completionTokens);
    const docs = store.all('j1');
    expect(docs.map((d) => d.result)).toEqual([{ id: 'd0' }, { id: 'd1' }, { id: 'd2' }]);
    expect(docs.map((d) => d.finishReasons)).toEqual([['stop'], ['stop'], ['stop']]);
    expect(docs.every((d) => d.usage?.generationMs === usage.generationMs)).toBe(true);
  });

  it('stores a document running only once the answered one before it is stored done: a crash at any write leaves one to run again', async () => {
    const { store, job } = await setup(4);
    const events = savesOf(store);
    const running: number[] = [];
    const save = store.save.bind(store);
    store.save = async (j, docs) => {
      await save(j, docs);
      running.push(store.all('j1').filter((d) => d.status === 'running').length);
    };
    await new JobRunner(job, {
      store,
      later: async () => void (await tick()),
      process: async (doc): Promise<DocOutcome> => {
        events.push(`process ${doc.docId}`);
        return { kind: 'answered', raw: [`answer ${doc.docId}`], result: () => ({ id: doc.docId }), usage };
      },
    }).run();
    // the next document still goes to its process before the last one is read and stored
    expect(events.indexOf('process d1')).toBeLessThan(events.indexOf('stored d0 done'));
    expect(events.filter((e) => e.startsWith('stored'))).toEqual(
      ['d0', 'd1', 'd2', 'd3'].flatMap((id) => [`stored ${id} running`, `stored ${id} done`]),
    );
    expect(Math.max(...running)).toBe(1);
  });

  it('an answered document whose answers cannot be read fails with its answers kept; the job goes on', async () => {
    const { store, job } = await setup(2);
    const final = await new JobRunner(job, {
      store,
      later: async () => void (await tick()),
      process: async (doc): Promise<DocOutcome> => ({
        kind: 'answered',
        raw: [`answer ${doc.docId}`],
        result: () => {
          if (doc.index === 0) throw new Error('unreadable');
          return { id: doc.docId };
        },
        usage,
      }),
    }).run();
    expect(final.counts).toMatchObject({ done: 1, failed: 1 });
    expect(store.all('j1')[0]).toMatchObject({ status: 'failed', raw: ['answer d0'], error: { code: 'unknown', message: 'unreadable' } });
    expect(store.all('j1')[1]).toMatchObject({ status: 'done', result: { id: 'd1' } });
  });

  it('a pause while an answer waits to be read keeps that answer: the document ends done, the next one is queued again', async () => {
    const { store, job } = await setup(3);
    const g = gated();
    const runner = new JobRunner(job, {
      store,
      later: async () => void (await tick()),
      process: async (doc, signal) => {
        if (doc.index > 0) return g.process(doc, signal);
        return { kind: 'answered', raw: ['answer d0'], result: () => ({ id: 'd0' }), usage };
      },
    });
    const run = runner.run();
    await until(() => g.pending.has('d1'));
    runner.pause();
    const paused = await run;
    expect(paused.counts).toEqual({ queued: 2, running: 0, done: 1, failed: 0 });
    expect(store.all('j1').map((d) => d.status)).toEqual(['done', 'queued', 'queued']);
    expect(store.all('j1')[0].result).toEqual({ id: 'd0' });
  });

  it('makes ahead what the next document needs once one has gone to its process, and hands it to that document', async () => {
    const { store, job } = await setup(4);
    const events: string[] = [];
    const g = gated();
    const run = new JobRunner(job, {
      store,
      later: async () => void (await tick()),
      prepare: (doc) => {
        events.push(`prepare ${doc.docId}`);
        if (doc.index === 2) throw new Error('cannot plan');
        return `plan of ${doc.docId}`;
      },
      process: (doc, signal, prepared) => {
        events.push(`process ${doc.docId} with ${String(prepared)}`);
        return g.process(doc, signal);
      },
    }).run();
    // each answer comes once the next document has been prepared, as a model's answer takes longer than a task
    for (const [id, next] of [
      ['d0', 'd1'],
      ['d1', 'd2'],
      ['d2', 'd3'],
    ]) {
      await until(() => events.includes(`prepare ${next}`));
      g.pending.get(id)!.release(done({ docId: id } as JobDoc));
    }
    await until(() => g.pending.has('d3'));
    g.pending.get('d3')!.release(done({ docId: 'd3' } as JobDoc));
    await run;
    // the first is planned by its own run; a plan that threw is left to the run, which makes it itself
    expect(events).toEqual([
      'process d0 with undefined',
      'prepare d1',
      'process d1 with plan of d1',
      'prepare d2',
      'process d2 with undefined',
      'prepare d3',
      'process d3 with plan of d3',
    ]);
    expect(store.all('j1').map((d) => d.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('reads no page again at the end when the job counts none queued', async () => {
    const { store, job } = await setup(3);
    const reads: string[] = [];
    const read = store.docsWithStatus.bind(store);
    store.docsWithStatus = (jobId, status, from, limit) => {
      reads.push(`${status} ${from}`);
      return read(jobId, status, from, limit);
    };
    await new JobRunner(job, { store, process: async (doc) => done(doc) }).run();
    // the documents left running by a crash, the first page, the page after it: nothing behind the cursor
    expect(reads).toEqual(['running 0', 'queued 0', 'queued 3']);
  });
});

describe('jobProgress', () => {
  it('gives tokens per second of engine time, elapsed time and the time left at the pace so far', () => {
    const job = {
      total: 10,
      counts: { queued: 6, running: 0, done: 3, failed: 1 },
      totals: { promptTokens: 0, completionTokens: 200, generationMs: 4000 },
      elapsedMs: 6000,
    } as Job;
    const p = jobProgress(job, 2000);
    expect(p).toMatchObject({ done: 3, failed: 1, finished: 4, total: 10, tokensPerSec: 50, elapsedMs: 8000, etaMs: 12000 });
    expect(progressTitle(p, 'Taiyi')).toBe('[4/10] Taiyi');
    expect(
      jobProgress({
        ...job,
        counts: { queued: 10, running: 0, done: 0, failed: 0 },
        totals: { promptTokens: 0, completionTokens: 0, generationMs: 0 },
      }).etaMs,
    ).toBeNull();
  });
});

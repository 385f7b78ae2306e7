import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { JobRunner, newJob } from '../core/jobs';
import { closeJobsDb, idbJobStore as store, JOBS_DB } from './jobsDb';

const make = (id: string, n: number, createdAt = 1) =>
  newJob(
    { id, kind: 'batch', task: 'entities', options: { types: ['Chemical'] }, title: id, createdAt },
    Array.from({ length: n }, (_, i) => ({ docId: `doc-${i}`, input: { text: `t${i}` } })),
  );

describe('jobs in IndexedDB', () => {
  it('stores a job with its documents, pages through them, and finds them by status in order', async () => {
    const { job, docs } = make('a', 25);
    await store.addJob(job, docs);
    expect((await store.getJob('a'))!.total).toBe(25);
    expect((await store.docsPage('a', 10, 5)).map((d) => d.docId)).toEqual(['doc-10', 'doc-11', 'doc-12', 'doc-13', 'doc-14']);
    expect((await store.docsWithStatus('a', 'queued', 20, 100)).map((d) => d.index)).toEqual([20, 21, 22, 23, 24]);
    expect(await store.docsWithStatus('a', 'done', 0, 100)).toEqual([]);
    expect((await store.allDocs('a')).length).toBe(25);
  });

  it('a job run against it survives closing the database, as after a reload', async () => {
    const { job, docs } = make('b', 4, 2);
    await store.addJob(job, docs);
    const final = await new JobRunner(job, {
      store,
      process: async (doc) => ({
        kind: 'done',
        raw: ['x'],
        result: { n: doc.index },
        usage: { promptTokens: 1, completionTokens: 2, generationMs: 3 },
      }),
    }).run();
    expect(final.state).toBe('done');
    await closeJobsDb();
    const again = await store.getJob('b');
    expect(again).toMatchObject({ state: 'done', counts: { done: 4, queued: 0 } });
    expect((await store.allDocs('b')).map((d) => d.result)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    expect((await store.listJobs()).map((j) => j.id)).toEqual(['b', 'a']);
  });

  it('deleting a job removes its documents and nothing else', async () => {
    await store.deleteJob('a');
    expect(await store.getJob('a')).toBeUndefined();
    expect(await store.docsPage('a', 0, 100)).toEqual([]);
    expect((await store.allDocs('b')).length).toBe(4);
  });

  it('lets go of the database when it is deleted ("clear all data")', async () => {
    await store.listJobs();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(JOBS_DB);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });
    expect(await store.listJobs()).toEqual([]);
  });
});

/**
 * Jobs in IndexedDB, so a batch survives a reload, a closed tab and a browser restart. Documents are stored one
 * record each (key: job id and index), so 10,000 of them never have to be in memory: lists read a page at a time.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DocStatus, Job, JobDoc, JobStore } from '../core/jobs';

export const JOBS_DB = 'taiyi-jobs';

interface JobsSchema extends DBSchema {
  jobs: { key: string; value: Job };
  docs: { key: [string, number]; value: JobDoc; indexes: { byStatus: [string, DocStatus, number] } };
}

let db: Promise<IDBPDatabase<JobsSchema>> | null = null;

function open(): Promise<IDBPDatabase<JobsSchema>> {
  db ??= openDB<JobsSchema>(JOBS_DB, 1, {
    upgrade(database) {
      database.createObjectStore('jobs', { keyPath: 'id' });
      const docs = database.createObjectStore('docs', { keyPath: ['jobId', 'index'] });
      docs.createIndex('byStatus', ['jobId', 'status', 'index']);
    },
    // another tab (or "clear all data") wants the database gone or upgraded: let go of it
    blocking() {
      void closeJobsDb();
    },
  });
  return db;
}

/** Closes the connection, so the database can be deleted; the next call opens it again. */
export async function closeJobsDb(): Promise<void> {
  const current = db;
  db = null;
  if (current) (await current.catch(() => null))?.close();
}

export const idbJobStore: JobStore & {
  addJob(job: Job, docs: readonly JobDoc[]): Promise<void>;
  listJobs(): Promise<Job[]>;
  deleteJob(id: string): Promise<void>;
  /** Documents `from` … `from + count - 1` of a job, in order. */
  docsPage(jobId: string, from: number, count: number): Promise<JobDoc[]>;
  /** Every document of a job, in order, read in pages (for exports and scores). */
  allDocs(jobId: string): Promise<JobDoc[]>;
} = {
  async getJob(id) {
    return (await open()).get('jobs', id);
  },
  async docsWithStatus(jobId, status, from, limit) {
    const range = IDBKeyRange.bound([jobId, status, from], [jobId, status, Number.MAX_SAFE_INTEGER]);
    return (await open()).getAllFromIndex('docs', 'byStatus', range, limit);
  },
  async save(job, docs) {
    const tx = (await open()).transaction(['jobs', 'docs'], 'readwrite');
    const writes: Promise<unknown>[] = [tx.objectStore('jobs').put(job), ...docs.map((d) => tx.objectStore('docs').put(d))];
    await Promise.all([...writes, tx.done]);
  },
  async addJob(job, docs) {
    await this.save(job, docs);
  },
  async listJobs() {
    const jobs = await (await open()).getAll('jobs');
    return jobs.sort((a, b) => b.createdAt - a.createdAt);
  },
  async deleteJob(id) {
    const tx = (await open()).transaction(['jobs', 'docs'], 'readwrite');
    await Promise.all([
      tx.objectStore('jobs').delete(id),
      tx.objectStore('docs').delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER])),
      tx.done,
    ]);
  },
  async docsPage(jobId, from, count) {
    if (count <= 0) return [];
    return (await open()).getAll('docs', IDBKeyRange.bound([jobId, from], [jobId, from + count - 1]));
  },
  async allDocs(jobId) {
    const out: JobDoc[] = [];
    for (;;) {
      const page = await this.docsPage(jobId, out.length, 1000);
      out.push(...page);
      if (page.length < 1000) return out;
    }
  },
};

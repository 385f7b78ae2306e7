/** Test double: a job store in memory, cloning on the way in and out as IndexedDB does. */
import type { DocStatus, Job, JobDoc, JobStore } from './types.ts';

export class MemoryJobStore implements JobStore {
  jobs = new Map<string, Job>();
  docs = new Map<string, JobDoc>();
  /** Every save, in order: the job's state and the documents' statuses. */
  log: { state: string; docs: { index: number; status: DocStatus }[] }[] = [];

  async getJob(id: string) {
    const job = this.jobs.get(id);
    return job && structuredClone(job);
  }

  async docsWithStatus(jobId: string, status: DocStatus, from: number, limit: number) {
    return [...this.docs.values()]
      .filter((d) => d.jobId === jobId && d.status === status && d.index >= from)
      .sort((a, b) => a.index - b.index)
      .slice(0, limit)
      .map((d) => structuredClone(d));
  }

  async save(job: Job, docs: readonly JobDoc[]) {
    this.jobs.set(job.id, structuredClone(job));
    for (const d of docs) this.docs.set(`${d.jobId}/${d.index}`, structuredClone(d));
    this.log.push({ state: job.state, docs: docs.map((d) => ({ index: d.index, status: d.status })) });
  }

  all(jobId: string): JobDoc[] {
    return [...this.docs.values()].filter((d) => d.jobId === jobId).sort((a, b) => a.index - b.index);
  }
}

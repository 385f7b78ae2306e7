import { useEffect, useState } from 'react';
import type { JobDoc } from '../../core/jobs';
import { onDocChange, readDocs, useJobs } from '../../store/jobs';

/**
 * Documents `from` … `from + count - 1` of a job, by index: read from IndexedDB when the range (or the job, as a
 * whole) changes, and kept up to date from the running job's changes as they happen, so a finished document costs
 * its own row, not a read of the page. A change heard while the read is under way wins over what the read found.
 */
export function useJobDocs(jobId: string, from: number, count: number): ReadonlyMap<number, JobDoc> {
  const [docs, setDocs] = useState<ReadonlyMap<number, JobDoc>>(new Map());
  const revision = useJobs((s) => s.revision[jobId] ?? 0);
  useEffect(() => {
    let stale = false;
    const heard = new Map<number, JobDoc>();
    const stop = onDocChange((job, doc) => {
      if (job.id !== jobId || doc.index < from || doc.index >= from + count) return;
      // the runner goes on changing its own copy
      const copy = { ...doc };
      heard.set(doc.index, copy);
      setDocs((old) => new Map(old).set(doc.index, copy));
    });
    void readDocs(jobId, from, count).then((read) => {
      if (stale) return;
      const next = new Map(read.map((d) => [d.index, d]));
      for (const [i, d] of heard) next.set(i, d);
      setDocs(next);
    });
    return () => {
      stale = true;
      stop();
    };
  }, [jobId, from, count, revision]);
  return docs;
}

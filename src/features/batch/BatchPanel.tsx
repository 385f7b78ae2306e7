import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { optionsProblem, currentOptions } from '../../store/batchTasks';
import { openBatchJob, startBatch, useBatch } from '../../store/batch';
import { refreshJobs, useJobs } from '../../store/jobs';
import { taskStore } from '../../store/taskStore';
import { ProvenanceDetails } from '../../components/ProvenanceDetails';
import { TaskSettings } from '../workbench/TaskSettings';
import { installJobEffects } from '../jobs/jobEffects';
import { JobControls } from '../jobs/JobControls';
import { JobList } from '../jobs/JobList';
import { JobProgressView } from '../jobs/JobProgressView';
import { BatchDocView } from './BatchDocView';
import { BatchExport } from './BatchExport';
import { BatchRows } from './BatchRows';
import { BatchSources } from './BatchSources';
import { BatchTaskOptions } from './BatchTaskOptions';
import '../jobs/jobs.css';

installJobEffects();

/** Many documents through one task: gather them, choose the task, run them as a resumable job, read and export. */
export function BatchPanel() {
  const { t } = useTranslation('jobs');
  const { t: tw } = useTranslation('workbench');
  const { task, draft, jobId, selected, set } = useBatch(
    useShallow(({ task, draft, jobId, selected, set }) => ({ task, draft, jobId, selected, set })),
  );
  const job = useJobs((s) => s.jobs.find((j) => j.id === jobId) ?? null);
  const listed = useJobs((s) => s.listed);
  const runningId = useJobs((s) => s.runningId);
  const newest = useJobs((s) => s.jobs.find((j) => j.kind === 'batch')?.id ?? null);
  const openRow = useCallback((i: number) => set({ selected: i }), [set]);
  useEffect(() => void refreshJobs(), []);
  // after a reload the last batch comes back, ready to resume
  useEffect(() => {
    if (listed && !jobId && newest) openBatchJob(newest);
  }, [listed, jobId, newest]);

  // follow the task's form, which its tab and the options here both change
  taskStore(task)((s) => s);
  // readiness is the task's own rule, asked of the first document (each document is asked again when it runs)
  const blocker = draft.length ? optionsProblem(currentOptions(task), draft[0]) : null;
  return (
    <div className="task job-tab">
      <BatchSources disabled={false} />
      <BatchTaskOptions disabled={false} />
      <TaskSettings task={task} />
      <JobControls
        job={job}
        prefix="batch"
        start={{
          testId: 'batch-start',
          label: t('batch.start', { count: draft.length }),
          ready: draft.length > 0 && !blocker,
          onStart: () => void startBatch(),
        }}
      />
      {blocker && <p className="hint">{tw(blocker)}</p>}
      {job && (
        <>
          <h3>{job.title}</h3>
          <JobProgressView job={job} testId="batch-progress" />
          {job.runs?.length ? (
            <div data-testid="batch-runs">
              {job.runs.map((r, i) => (
                <ProvenanceDetails key={i} provenance={r} title={t('batch.run', { n: i + 1, model: r.model.label })} />
              ))}
            </div>
          ) : null}
          <BatchRows jobId={job.id} total={job.total} selected={selected} onOpen={openRow} />
          <BatchExport job={job} />
          {selected !== null && <BatchDocView job={job} index={selected} />}
        </>
      )}
      <JobList kind="batch" activeId={jobId} onOpen={openBatchJob} />
      {runningId && runningId !== jobId && <p className="hint">{t('controls.otherRunning')}</p>}
    </div>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { optionsProblem, currentOptions, needsQuestion } from '../../store/batchTasks';
import { openBatchJob, startBatch, useBatch } from '../../store/batch';
import { refreshJobs, useJobs } from '../../store/jobs';
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
  const { task, draft, jobId, selected, set } = useBatch(useShallow(({ task, draft, jobId, selected, set }) => ({ task, draft, jobId, selected, set })));
  const job = useJobs((s) => s.jobs.find((j) => j.id === jobId) ?? null);
  const listed = useJobs((s) => s.listed);
  const runningId = useJobs((s) => s.runningId);
  const newest = useJobs((s) => s.jobs.find((j) => j.kind === 'batch')?.id ?? null);
  useEffect(() => void refreshJobs(), []);
  // after a reload the last batch comes back, ready to resume
  useEffect(() => {
    if (listed && !jobId && newest) openBatchJob(newest);
  }, [listed, jobId, newest]);

  const options = currentOptions(task);
  const problem = !draft.length ? 'needDocuments' : (optionsProblem(options) ?? (needsQuestion(options, draft) ? 'needQuestion' : null));
  return (
    <div className="task job-tab">
      <BatchSources disabled={false} />
      <BatchTaskOptions disabled={false} />
      <TaskSettings />
      <JobControls job={job} prefix="batch" start={{ testId: 'batch-start', label: t('batch.start', { count: draft.length }), ready: !problem, onStart: () => void startBatch() }} />
      {problem && draft.length > 0 && <p className="hint">{t(`batch.why.${problem}`)}</p>}
      {job && (
        <>
          <h3>{job.title}</h3>
          <JobProgressView job={job} testId="batch-progress" />
          <BatchRows job={job} selected={selected} onOpen={(i) => set({ selected: i })} />
          <BatchExport job={job} />
          {selected !== null && <BatchDocView job={job} index={selected} />}
        </>
      )}
      <JobList kind="batch" activeId={jobId} onOpen={openBatchJob} />
      {runningId && runningId !== jobId && <p className="hint">{t('controls.otherRunning')}</p>}
    </div>
  );
}

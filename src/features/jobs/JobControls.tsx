import { useTranslation } from 'react-i18next';
import type { Job } from '../../core/jobs';
import { useJobs, cancelStoredJob, pauseJob, retryFailed, runJob } from '../../store/jobs';
import { acceptsGeneration, useModel } from '../../store/model';
import { JobConcurrency } from './JobConcurrency';

interface JobControlsProps {
  job: Job | null;
  /** `batch` or `eval`: the test hooks are `<prefix>-pause`, `<prefix>-resume`, `<prefix>-cancel`. */
  prefix: string;
  /** The start button: its hook, its label, whether the tab has what a new job needs, and what it does. */
  start: { testId: string; label: string; ready: boolean; onStart: () => void };
}

/** Start a new job; pause, resume, cancel the shown one; queue its failed documents again. */
export function JobControls({ job, prefix, start }: JobControlsProps) {
  const { t } = useTranslation('jobs');
  const { t: tc } = useTranslation();
  const { t: tw } = useTranslation('workbench');
  const runningId = useJobs((s) => s.runningId);
  const status = useModel((s) => s.status);
  // a model server takes a job beside a tab's run; a model in the browser runs one thing at a time
  const modelReady = useModel(acceptsGeneration);
  const mine = !!job && runningId === job.id;
  const open = !!job && job.state !== 'done' && job.state !== 'cancelled';
  const canResume = open && !runningId && modelReady && job.counts.queued + job.counts.running > 0;
  return (
    <>
      <JobConcurrency disabled={mine} />
      <div className="row actions">
        <button
          type="button"
          className="primary"
          data-testid={start.testId}
          disabled={!!runningId || !modelReady || !start.ready}
          onClick={start.onStart}
        >
          {start.label}
        </button>
        <button type="button" data-testid={`${prefix}-pause`} disabled={!mine} onClick={() => pauseJob()}>
          {t('controls.pause')}
        </button>
        <button type="button" data-testid={`${prefix}-resume`} disabled={!canResume} onClick={() => job && void runJob(job.id)}>
          {job?.state === 'ready' ? t('controls.startQueued') : t('controls.resume')}
        </button>
        <button
          type="button"
          data-testid={`${prefix}-cancel`}
          disabled={!mine && !open}
          onClick={() => job && void cancelStoredJob(job.id)}
        >
          {t('controls.cancel')}
        </button>
        {!!job?.counts.failed && (
          <button type="button" data-testid={`${prefix}-retry`} disabled={mine} onClick={() => void retryFailed(job.id)}>
            {t('controls.retry', { count: job.counts.failed })}
          </button>
        )}
        {status !== 'ready' && status !== 'generating' && <span className="hint">{tc('task.loadFirst')}</span>}
        {!runningId && !modelReady && status === 'generating' && <span className="hint">{tw('run.busy')}</span>}
        {runningId && !mine && <span className="hint">{t('controls.otherRunning')}</span>}
        {job?.pauseReason && job.state === 'paused' && !mine && (
          <span className="field-problem" role="status">
            {t(`pauseReason.${job.pauseReason}`, { defaultValue: t('pauseReason.no-model') })}
          </span>
        )}
      </div>
    </>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatSeconds } from '../../app/format';
import { ProgressBar } from '../../components/ProgressBar';
import { jobProgress, type Job } from '../../core/jobs';
import { useJobs } from '../../store/jobs';

/**
 * Documents done of all, tokens per second, elapsed time and time left; ticks each second while running. Says so
 * when the engine refused the answer grammar and documents ran unconstrained.
 */
export function JobProgressView({ job, testId }: { job: Job; testId: string }) {
  const { t, i18n } = useTranslation('jobs');
  const { t: tw } = useTranslation('workbench');
  const { running, startedAt, base } = useJobs(
    useShallow((s) => ({ running: s.runningId === job.id, startedAt: s.runStartedAt, base: s.runBaseElapsed })),
  );
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const p = running ? jobProgress({ ...job, elapsedMs: base }, Math.max(0, now - startedAt)) : jobProgress(job);
  const seconds = (ms: number | null) => (ms === null ? '–' : formatSeconds(ms / 1000, i18n.language));
  const state = running ? 'running' : job.state === 'running' ? 'interrupted' : job.state;
  const detail = [
    t('progress.counts', { done: p.done, failed: p.failed, total: p.total }),
    p.tokensPerSec !== null ? t('progress.speed', { value: p.tokensPerSec.toFixed(1) }) : null,
    t('progress.elapsed', { time: seconds(p.elapsedMs) }),
    running ? t('progress.eta', { time: seconds(p.etaMs) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div data-testid={testId} data-done={p.done} data-failed={p.failed} data-total={p.total} data-state={state} role="status">
      <ProgressBar fraction={p.total ? p.finished / p.total : 0} label={t(`state.${state}`)} detail={detail} />
      {job.grammarRejected !== undefined && (
        <p className="field-problem" data-testid="grammar-rejected">
          {tw('run.grammarRejected', { detail: job.grammarRejected })}
        </p>
      )}
    </div>
  );
}

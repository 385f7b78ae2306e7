import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../core/jobs';
import { deleteJob, useJobs } from '../../store/jobs';

interface JobListProps {
  kind: Job['kind'];
  activeId: string | null;
  onOpen: (id: string) => void;
}

/** The stored jobs of one kind, newest first: open one, delete one. Cut-off jobs say so. */
export function JobList({ kind, activeId, onOpen }: JobListProps) {
  const { t, i18n } = useTranslation('jobs');
  const jobs = useJobs((s) => s.jobs).filter((j) => j.kind === kind);
  const runningId = useJobs((s) => s.runningId);
  const date = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);
  if (!jobs.length) return null;
  return (
    <details className="job-list" open={jobs.some((j) => j.state === 'running' && j.id !== runningId)}>
      <summary>{t('list.title', { count: jobs.length })}</summary>
      <ul>
        {jobs.map((j) => {
          const state = j.id === runningId ? 'running' : j.state === 'running' ? 'interrupted' : j.state;
          return (
            <li key={j.id} data-testid="job-item" data-state={state} aria-current={j.id === activeId || undefined}>
              <span className="job-title">{j.title}</span>
              <span className="hint">
                {t(`state.${state}`)} · {t('list.done', { done: j.counts.done, total: j.total })} · {date.format(j.createdAt)}
              </span>
              <span className="row">
                <button type="button" onClick={() => onOpen(j.id)} disabled={j.id === activeId}>
                  {t('list.open')}
                </button>
                <button
                  type="button"
                  data-testid="job-delete"
                  onClick={() => void deleteJob(j.id)}
                  disabled={j.id === runningId}
                  aria-label={t('list.deleteNamed', { title: j.title })}
                >
                  {t('list.delete')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

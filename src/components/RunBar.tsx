import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useModel } from '../store/model';
import type { RunState } from '../core/run';

/** What the bar shows of a run (not its streamed text). */
type RunProgress = Omit<RunState, 'raws'>;
import { ChunkProgress } from './ChunkProgress';

interface RunBarProps {
  run: RunProgress;
  /** The tab's own conditions (input present, types chosen). */
  ready: boolean;
  onRun: () => void;
  onStop: () => void;
  /** Why the tab is not ready, when it is not. */
  why?: string | null;
  children?: ReactNode;
}

/** Run and stop, the chunk progress of a long input, and why running is not possible yet. */
export function RunBar({ run, ready, onRun, onStop, why, children }: RunBarProps) {
  const { t } = useTranslation('workbench');
  const { t: tc } = useTranslation();
  const status = useModel((s) => s.status);
  const canRun = status === 'ready' && ready && !run.running;
  return (
    <>
      <div className="row actions">
        <button type="button" className="primary" data-testid="run" disabled={!canRun} onClick={onRun}>
          {tc('task.run')}
        </button>
        <button type="button" data-testid="stop" disabled={!run.running} onClick={onStop}>
          {tc('task.stop')}
        </button>
        {children}
        {status !== 'ready' && status !== 'generating' && <span className="hint">{tc('task.loadFirst')}</span>}
        {status === 'generating' && !run.running && <span className="hint">{t('run.busy')}</span>}
        {status === 'ready' && !ready && why && <span className="hint">{why}</span>}
        {!run.running && run.outcome === 'stopped' && <span className="hint" role="status">{t('run.stopped')}</span>}
        {!run.running && run.outcome === 'failed' && (
          <span className="field-problem" role="status">
            {t('run.failed')}
          </span>
        )}
      </div>
      {run.progress && run.progress.total > 1 && <ChunkProgress run={run} />}
    </>
  );
}

import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptsGeneration, useModel } from '../../store/model';
import { MAX_TOKENS_LIMIT, useSettings } from '../../store/settings';
import type { RunState } from '../../core/run';
import { ChunkProgress } from '../../components/ChunkProgress';

/** What the bar shows of a run (not its streamed text). */
type RunProgress = Omit<RunState, 'raws'>;

/** Says that answers were cut off at the token limit, and offers to run again with a higher one. */
function TruncatedNotice({ count, onRun, canRun }: { count: number; onRun: () => void; canRun: boolean }) {
  const { t } = useTranslation('workbench');
  const limit = useSettings((s) => s.max_tokens);
  const set = useSettings((s) => s.set);
  const raised = Math.min(MAX_TOKENS_LIMIT, limit * 2);
  return (
    <div className="notice partial" data-testid="run-truncated" role="status">
      <p>{t('run.truncated', { count, limit })}</p>
      {raised > limit && (
        <button
          type="button"
          data-testid="raise-max-tokens"
          disabled={!canRun}
          onClick={() => {
            set({ max_tokens: raised });
            onRun();
          }}
        >
          {t('run.raiseLimit', { limit: raised })}
        </button>
      )}
    </div>
  );
}

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
  // a model server takes another run beside a job's; a model on this device runs one at a time
  const accepts = useModel(acceptsGeneration);
  const canRun = accepts && ready && !run.running;
  // Escape stops a run from anywhere on the page, as the Stop button does
  useEffect(() => {
    if (!run.running) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onStop();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [run.running, onStop]);
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
        {!accepts && status === 'generating' && !run.running && <span className="hint">{t('run.busy')}</span>}
        {accepts && !ready && why && <span className="hint">{why}</span>}
        {!run.running && run.outcome === 'stopped' && (
          <span className="hint" role="status">
            {t('run.stopped')}
          </span>
        )}
        {!run.running && run.outcome === 'failed' && (
          <span className="field-problem" role="status">
            {t('run.failed')}
          </span>
        )}
      </div>
      {run.grammarRejected !== undefined && (
        <p className="field-problem" role="status" data-testid="grammar-rejected">
          {t('run.grammarRejected', { detail: run.grammarRejected })}
        </p>
      )}
      {run.progress && run.progress.total > 1 && <ChunkProgress run={run} />}
      {!run.running && run.truncated > 0 && <TruncatedNotice count={run.truncated} onRun={onRun} canRun={canRun} />}
    </>
  );
}

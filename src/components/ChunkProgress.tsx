import { useTranslation } from 'react-i18next';
import type { RunState } from '../core/run';
import { ProgressBar } from './ProgressBar';

/** Progress through the chunks of a long input; finished chunks' results are already shown. */
export function ChunkProgress({ run }: { run: Omit<RunState, 'raws'> }) {
  const { t } = useTranslation('workbench');
  const { done, total } = run.progress!;
  const detail = run.running
    ? t('chunks.working', { n: Math.min(done + 1, total), total })
    : run.outcome === 'done'
      ? t('chunks.done', { total })
      : t('chunks.partial', { done, total });
  return (
    <div data-testid="chunk-progress" data-done={done} data-total={total} role="status">
      <ProgressBar fraction={done / total} label={t('chunks.label')} detail={detail} />
    </div>
  );
}

import { createContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunState } from '../core/run';
import { StreamedText } from './StreamedText';

/**
 * Told by a result that lists every line of the answer already (nothing in it could be read), so the raw block
 * folds instead of showing the same text a second time; null outside a task's frame.
 */
export const FoldRawOutput = createContext<((folded: boolean) => void) | null>(null);

/** The model's raw answer as it streams (one block per chunk), always available and collapsible. */
export function RawOutput({ run, folded = false }: { run: RunState; folded?: boolean }) {
  const { t } = useTranslation('workbench');
  return (
    <details className="raw-output" open={!folded}>
      <summary>{folded ? t('raw.folded') : t('raw.title')}</summary>
      <pre className="output-raw" data-testid="output-raw" aria-busy={run.running}>
        {run.raws.length > 1 ? (
          run.raws.map((raw, i) => (
            <span key={i}>
              <span className="raw-chunk-head">{t('raw.chunk', { n: i + 1, total: run.progress?.total ?? run.raws.length })}</span>
              <StreamedText text={raw} />
              {'\n'}
            </span>
          ))
        ) : (
          <StreamedText text={run.raws[0] ?? ''} />
        )}
      </pre>
      {!run.running && run.raws.length === 0 && <p className="hint">{t('raw.empty')}</p>}
    </details>
  );
}

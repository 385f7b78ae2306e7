import { useTranslation } from 'react-i18next';
import type { RunState } from '../core/run';
import { StreamedText } from './StreamedText';

/** The model's raw answer as it streams (one block per chunk), always available and collapsible. */
export function RawOutput({ run }: { run: RunState }) {
  const { t } = useTranslation('workbench');
  return (
    <details className="raw-output" open>
      <summary>{t('raw.title')}</summary>
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

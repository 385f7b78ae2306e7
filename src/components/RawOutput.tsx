import { createContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { StreamBox } from './StreamBox';
import { rawAnswer, StreamedText, type RunStore } from './StreamedText';

/**
 * Told by a result that lists every line of the answer already (nothing in it could be read), so the raw block
 * folds instead of showing the same text a second time; null outside a task's frame.
 */
export const FoldRawOutput = createContext<((folded: boolean) => void) | null>(null);

/** One prompt's raw answer, streamed from the store. */
function RawAnswer({ store, index }: { store: RunStore; index: number }) {
  const source = useMemo(() => rawAnswer(store, index), [store, index]);
  return <StreamedText source={source} />;
}

/**
 * The model's raw answer as it streams (one block per chunk), always available and collapsible. It renders when
 * a chunk starts or the run ends; the text itself follows the tokens without rendering (`StreamedText`).
 */
export function RawOutput({ store, folded = false }: { store: RunStore; folded?: boolean }) {
  const { t } = useTranslation('workbench');
  const count = store((s) => s.run.raws.length);
  const running = store((s) => s.run.running);
  const total = store((s) => s.run.progress?.total ?? s.run.raws.length);
  return (
    <details className="raw-output" open={!folded}>
      <summary>{folded ? t('raw.folded') : t('raw.title')}</summary>
      <StreamBox data-testid="output-raw" busy={running}>
        {count > 1 ? (
          Array.from({ length: count }, (_, i) => (
            <span key={i}>
              <span className="raw-chunk-head">{t('raw.chunk', { n: i + 1, total })}</span>
              <RawAnswer store={store} index={i} />
              {'\n'}
            </span>
          ))
        ) : (
          <RawAnswer store={store} index={0} />
        )}
      </StreamBox>
      {!running && count === 0 && <p className="hint">{t('raw.empty')}</p>}
    </details>
  );
}

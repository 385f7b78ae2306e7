import { useContext, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunStatus } from '../core/run';
import { FoldRawOutput } from './RawOutput';

/**
 * Said plainly when a finished answer held nothing the task could read (or nothing at all), with the lines
 * that could not be read; the raw answer stays available above.
 */
export function NothingParsed({ run, what, unparsed }: { run: RunStatus; what: string; unparsed: readonly string[] }) {
  const { t } = useTranslation('workbench');
  const empty = !run.answered;
  const fold = useContext(FoldRawOutput);
  const listed = unparsed.length > 0;
  // the lines listed here are the answer: the raw block below need not show them again
  useEffect(() => {
    if (!fold || !listed) return;
    fold(true);
    return () => fold(false);
  }, [fold, listed]);
  return (
    <div className="nothing" data-testid="nothing-parsed" role="status">
      <p>{empty ? t('nothing.empty') : t('nothing.found', { what })}</p>
      {!empty && <p className="hint">{t('nothing.advice')}</p>}
      {listed && (
        <>
          <p className="hint">{t('nothing.unparsed')}</p>
          <ul className="unparsed">
            {unparsed.slice(0, 20).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** True when a run ended (finished or stopped) with an answer and `count` structured items is zero. */
export const showNothing = (run: Omit<RunStatus, 'answered'>, count: number) =>
  !run.running && run.outcome !== null && run.outcome !== 'failed' && count === 0;

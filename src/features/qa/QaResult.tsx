import { useTranslation } from 'react-i18next';
import type { RunStatus } from '../../core/run';
import type { QaForm, QaView } from '../../core/tasks/definitions/qa';
import { stripSpecialTokens } from '../../core/tasks/parse';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { StreamingMarkdown } from '../../components/SafeMarkdown';
import type { ResultProps } from '../workbench/TaskFrame';
import type { YesNoMaybe } from '../../core/tasks/qa';

/** A free answer follows the tokens: Markdown as its lines complete. */
function FreeAnswer({ raws, run }: { raws: readonly string[]; run: RunStatus }) {
  const { t } = useTranslation('workbench');
  const answer = stripSpecialTokens(raws[0] ?? '');
  // while it streams, the end of the last complete line must stay
  const streamed = run.running ? answer.trimStart() : answer.trim();
  return (
    <>
      <div data-testid="qa-answer" aria-busy={run.running}>
        <StreamingMarkdown text={streamed} streaming={run.running} />
      </div>
      {showNothing(run, streamed ? 1 : 0) && <NothingParsed run={run} what={t('qa.what')} unparsed={[]} />}
    </>
  );
}

/** The answer: Markdown for a free question (as it streams), the chosen option, or yes/no/maybe. */
export function QaResult({ view, run, Streamed }: ResultProps<QaForm, QaView>) {
  const { t } = useTranslation('workbench');

  if (view.format === 'free')
    return (
      <section className="result" aria-labelledby="qa-result">
        <h3 id="qa-result">{t('qa.answer')}</h3>
        <Streamed>{(raws) => <FreeAnswer raws={raws} run={run} />}</Streamed>
      </section>
    );

  const chosen = view.answer;
  return (
    <section className="result" aria-labelledby="qa-result">
      <h3 id="qa-result">{t('qa.answer')}</h3>
      {view.format === 'choice' && (
        <ol className="choices" aria-label={t('qa.choices')}>
          {view.choices.map((c) => (
            <li
              key={c.letter}
              className={c.letter === chosen ? 'chosen' : undefined}
              data-testid="qa-option"
              aria-current={c.letter === chosen ? 'true' : undefined}
            >
              <span>{c.letter}.</span> <span>{c.text}</span>
              {c.letter === chosen && <span className="mark-chosen"> ✓ {t('qa.chosen')}</span>}
            </li>
          ))}
        </ol>
      )}
      {chosen && (
        <p className="big-answer" data-testid="qa-answer" data-answer={chosen}>
          {view.format === 'yesno'
            ? t(`qa.yesno.${chosen as YesNoMaybe}`)
            : `${chosen}. ${view.choices.find((c) => c.letter === chosen)?.text ?? ''}`}
        </p>
      )}
      {run.running && !chosen && <p className="hint">{t('qa.waiting')}</p>}
      {showNothing(run, chosen ? 1 : 0) && (
        <NothingParsed run={run} what={t(view.format === 'choice' ? 'qa.whatChoice' : 'qa.whatYesNo')} unparsed={view.unparsed} />
      )}
    </section>
  );
}

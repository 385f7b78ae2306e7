import { useTranslation } from 'react-i18next';
import { LETTERS, type Choice } from '../../core/tasks/definitions/qa';

/** The options of a multiple-choice question, lettered A, B, C…; empty options are left out of the prompt. */
export function ChoiceEditor({ choices, onChange, max }: { choices: Choice[]; onChange: (c: Choice[]) => void; max: number }) {
  const { t } = useTranslation('workbench');
  const relabel = (list: Choice[]) => list.map((c, i) => ({ ...c, letter: LETTERS[i] }));
  return (
    <fieldset>
      <legend>{t('qa.choices')}</legend>
      <ol className="choices">
        {choices.map((c, i) => (
          <li key={i}>
            <label htmlFor={`qa-choice-${i}`}>{c.letter}.</label>
            <input
              id={`qa-choice-${i}`}
              type="text"
              data-testid="qa-choice"
              value={c.text}
              onChange={(e) => onChange(choices.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))}
            />
            <button
              type="button"
              aria-label={t('qa.removeChoice', { letter: c.letter })}
              disabled={choices.length <= 2}
              onClick={() => onChange(relabel(choices.filter((_, k) => k !== i)))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" disabled={choices.length >= max} onClick={() => onChange(relabel([...choices, { letter: '', text: '' }]))}>
        {t('qa.addChoice')}
      </button>
    </fieldset>
  );
}

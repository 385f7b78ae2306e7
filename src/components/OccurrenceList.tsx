import { useTranslation } from 'react-i18next';
import type { Span } from '../core/spans';

interface OccurrenceListProps {
  text: string;
  /** The chosen mention's occurrences (same type, same text ignoring case and width). */
  occurrences: readonly Span[];
  selected: Span;
  onPick: (span: Span) => void;
  onClose: () => void;
}

const CONTEXT = 30;

/** Every occurrence of the chosen mention, with some context on either side. */
export function OccurrenceList({ text, occurrences, selected, onPick, onClose }: OccurrenceListProps) {
  const { t } = useTranslation('workbench');
  return (
    <section className="occurrences" data-testid="occurrences" aria-label={t('occurrences.label')}>
      <div className="row">
        <h3>{t('occurrences.title', { text: selected.text, type: selected.type, count: occurrences.length })}</h3>
        <button type="button" className="link" onClick={onClose}>
          {t('occurrences.close')}
        </button>
      </div>
      <ol>
        {occurrences.map((s) => (
          <li key={`${s.start}:${s.end}`}>
            <button type="button" className="link" data-testid="occurrence" onClick={() => onPick(s)}>
              {t('occurrences.at', { start: s.start, end: s.end })}
            </button>{' '}
            <span className="hint">
              {s.start > CONTEXT ? '…' : ''}
              {text.slice(Math.max(0, s.start - CONTEXT), s.start)}
              <strong>{text.slice(s.start, s.end)}</strong>
              {text.slice(s.end, s.end + CONTEXT)}
              {s.end + CONTEXT < text.length ? '…' : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

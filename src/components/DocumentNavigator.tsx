import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** One document as the navigator lists it: its id, and the text a search looks in. */
export interface NavigableDocument {
  id: string;
  text: string;
}

/** A list of hundreds is not read option by option: past this, the search narrows it. */
export const MAX_LISTED = 200;
const PREVIEW = 60;

/** What a search looks in, per document: id and text, lower-cased once. */
const searchTexts = (docs: readonly NavigableDocument[]) => docs.map((d) => `${d.id}\n${d.text}`.toLocaleLowerCase());

/** The indices of the documents whose id or text contains `query` (any case); all of them for an empty query. */
export function matchingDocuments(docs: readonly NavigableDocument[], query: string, texts = searchTexts(docs)): number[] {
  const q = query.trim().toLocaleLowerCase();
  const all = docs.map((_, i) => i);
  return q ? all.filter((i) => texts[i]!.includes(q)) : all;
}

const optionText = (d: NavigableDocument) => (d.text ? `${d.id} — ${d.text.slice(0, PREVIEW)}` : d.id);

/**
 * Moves through the documents of an opened file: a search over ids and texts, the matches in a list (the first
 * {@link MAX_LISTED}), and previous / next through the matches. All native controls, so the keyboard works as usual.
 */
export function DocumentNavigator({
  docs,
  index,
  onShow,
  testId,
}: {
  docs: readonly NavigableDocument[];
  index: number;
  onShow: (index: number) => void;
  testId: string;
}) {
  const { t } = useTranslation('workbench');
  const searchId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  // typing stays quick on a large file: the filtering follows a moment later
  const deferred = useDeferredValue(query);
  const texts = useMemo(() => searchTexts(docs), [docs]);
  const matches = useMemo(() => matchingDocuments(docs, deferred, texts), [docs, deferred, texts]);
  const listed = matches.slice(0, MAX_LISTED);
  // the document shown stays selectable even when the search leaves it out
  const options = listed.includes(index) ? listed : [index, ...listed];
  const previous = matches.findLast((i) => i < index);
  const next = matches.find((i) => i > index);
  const searching = deferred.trim() !== '';

  return (
    <div className="doc-nav" role="group" aria-label={t('import.documents')}>
      <label htmlFor={searchId}>{t('import.search')}</label>
      <input
        id={searchId}
        type="search"
        data-testid={`${testId}-search`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter opens the first match, as a search box does
          if (e.key === 'Enter' && matches.length > 0) {
            e.preventDefault();
            onShow(matches[0]!);
          }
        }}
      />
      <label htmlFor={listId}>{t('import.document')}</label>
      <select id={listId} data-testid={testId} value={index} onChange={(e) => onShow(Number(e.target.value))}>
        {options.map((i) => (
          <option key={i} value={i}>
            {optionText(docs[i]!)}
          </option>
        ))}
      </select>
      <span className="doc-nav-steps">
        <button type="button" data-testid={`${testId}-prev`} disabled={previous === undefined} onClick={() => onShow(previous!)}>
          {t('import.previous')}
        </button>
        <button type="button" data-testid={`${testId}-next`} disabled={next === undefined} onClick={() => onShow(next!)}>
          {t('import.next')}
        </button>
      </span>
      <span className="hint" role="status" data-testid={`${testId}-position`}>
        {t('import.position', { n: index + 1, total: docs.length })}
        {searching && ` · ${t('import.matches', { count: matches.length })}`}
        {matches.length > MAX_LISTED && ` · ${t('import.listed', { count: MAX_LISTED })}`}
      </span>
    </div>
  );
}

import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../workbench/ExportMenu';
import { HighlightedText } from '../../components/HighlightedText';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RelationTable } from '../../components/RelationTable';
import { stableTypeIndex as indexTypes } from '../../components/palette';
import type { RelationRowData, RelationView, RelationsForm } from '../../core/tasks/definitions/relations';
import type { ResultProps } from '../workbench/TaskFrame';

/** The relation table; focusing a row outlines both of its arguments in the text below. */
export function RelationResult({ view, run }: ResultProps<RelationsForm, RelationView>) {
  const { t } = useTranslation('workbench');
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const active = view?.rows.find((r) => r.key === activeKey) ?? null;
  const emphasis = useMemo(() => (active ? [...active.headSpans, ...active.tailSpans] : undefined), [active]);
  const index = useMemo(() => indexTypes(view?.spans.map((s) => s.type) ?? []), [view]);
  // The model's arguments carry one internal type; they are shown and announced as the relations' entities.
  const typeLabels = useMemo(
    () => (view?.source === 'model' ? new Map(view.spans.map((s) => [s.type, t('relations.argument')])) : undefined),
    [view, t],
  );
  const onActivate = useCallback((row: RelationRowData) => setActiveKey(row.key), []);

  if (!view) return null;
  const nothing = view.source === 'model' && showNothing(run, view.rows.length);
  return (
    <section className="result" aria-labelledby="relations-result">
      <h3 id="relations-result">{t('relations.result')}</h3>
      {view.source === 'import' && <p className="hint">{t('relations.imported')}</p>}
      {view.rows.length > 0 && (
        <>
          <p className="hint">{t('relations.keyboard')}</p>
          <RelationTable rows={view.rows} activeKey={activeKey} onActivate={onActivate} />
        </>
      )}
      {view.source === 'import' && view.rows.length === 0 && <p>{t('relations.noneInFile')}</p>}
      {active && (
        <p role="status" className="hint" data-testid="relation-active">
          {t('relations.active', { head: active.head, type: active.type, tail: active.tail })}
        </p>
      )}
      {view.spans.length > 0 && (
        <HighlightedText
          text={view.text}
          spans={view.spans}
          typeIndex={index}
          typeLabels={typeLabels}
          label={t('relations.textLabel')}
          emphasis={emphasis}
        />
      )}
      {view.notFound.length > 0 && (
        <div className="not-found" data-testid="not-found">
          <h3>{t('relations.notFound', { count: view.notFound.length })}</h3>
          <ul>
            {view.notFound.map((m) => (
              <li key={m} data-testid="not-found-mention">
                {m}
              </li>
            ))}
          </ul>
        </div>
      )}
      {nothing && <NothingParsed run={run} what={t('relations.what')} unparsed={view.unparsed} />}
      {view.rows.length > 0 && (
        <ExportMenu
          name="relations"
          doc={{ text: view.text, spans: view.spans, relations: view.rows }}
          provenance={view.source === 'model' ? run.provenance : null}
        />
      )}
    </section>
  );
}

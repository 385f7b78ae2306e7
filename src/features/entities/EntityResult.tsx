import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EntityLegend } from '../../components/EntityLegend';
import { ExportMenu } from '../workbench/ExportMenu';
import { HighlightedText, focusMention } from '../../components/HighlightedText';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { OccurrenceList } from '../../components/OccurrenceList';
import { useDisplayName } from '../../components/displayName';
import { stableTypeIndex as indexTypes } from '../../components/palette';
import type { Span } from '../../core/spans';
import type { EntitiesForm, EntityView } from '../../core/tasks/definitions/entities';
import { foldName } from '../../core/text';
import { useRelations } from '../../store/tasks';
import type { ResultProps } from '../workbench/TaskFrame';

/** The located entities: legend, highlighted text, occurrences of a chosen mention, and what was not found. */
export function EntityResult({ view, run, form, set }: ResultProps<EntitiesForm, EntityView>) {
  const { t } = useTranslation('workbench');
  const { hidden } = form;
  const relations = useRelations((s) => (s.view?.source === 'import' && s.view.text === view?.text ? s.view.rows : null));
  const [selected, setSelected] = useState<Span | null>(null);
  const [showLabels, setShowLabels] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const types = useMemo(() => [...new Set([...(view?.types ?? []), ...(view?.spans.map((s) => s.type) ?? [])])], [view]);
  const index = useMemo(() => indexTypes(types), [types]);
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const s of view?.spans ?? []) c.set(s.type, (c.get(s.type) ?? 0) + 1);
    return c;
  }, [view]);
  const hiddenSet = useMemo(() => new Set(hidden), [hidden]);
  // marks and their labels name the types in the UI's language; data-type keeps the dataset's name
  const { name: displayName } = useDisplayName();
  const typeLabels = useMemo(() => new Map(types.map((x) => [x, displayName(x)])), [types, displayName]);
  const current = selected && view?.spans.includes(selected) ? selected : null;
  // The chosen mention's occurrences: emphasised in the text and listed below it.
  const occurrences = useMemo(() => {
    if (!current || !view) return undefined;
    const key = foldName(current.text);
    return view.spans.filter((s) => s.type === current.type && foldName(s.text) === key);
  }, [current, view]);
  const onSelect = useCallback((s: Span) => setSelected(s), []);

  if (!view) return null;
  const nothing = view.source === 'model' && showNothing(run, view.spans.length + view.notFound.length);
  return (
    <section className="result" aria-labelledby="entities-result" ref={box}>
      <h3 id="entities-result">{t('entities.result')}</h3>
      {view.source === 'import' && <p className="hint">{t('entities.imported')}</p>}
      {view.spans.length > 0 && (
        <>
          <div className="row">
            <EntityLegend
              types={types.filter((x) => counts.has(x))}
              counts={counts}
              typeIndex={index}
              hidden={hidden}
              onToggle={(type) => set({ hidden: hidden.includes(type) ? hidden.filter((h) => h !== type) : [...hidden, type] })}
            />
            <label className="checkbox">
              <input type="checkbox" checked={showLabels} onChange={(e) => setShowLabels(e.target.checked)} /> {t('entities.showLabels')}
            </label>
          </div>
          <p className="hint">{t('entities.keyboard')}</p>
          <HighlightedText
            text={view.text}
            spans={view.spans}
            typeIndex={index}
            hidden={hiddenSet}
            label={t('entities.textLabel', { count: view.spans.length })}
            onSelect={onSelect}
            emphasis={occurrences}
            showLabels={showLabels}
            typeLabels={typeLabels}
          />
        </>
      )}
      {current && occurrences && (
        <OccurrenceList
          text={view.text}
          occurrences={occurrences}
          selected={current}
          onPick={(s) => focusMention(box.current, s)}
          onClose={() => setSelected(null)}
        />
      )}
      {view.notFound.length > 0 && (
        <div className="not-found" data-testid="not-found">
          <h3>{t('entities.notFound', { count: view.notFound.length })}</h3>
          <p className="hint">{t('entities.notFoundHint')}</p>
          <ul>
            {view.notFound.map((m) => (
              <li key={`${m.type}\u0000${m.text}`} data-testid="not-found-mention" data-type={m.type}>
                <strong>{displayName(m.type)}</strong>: {m.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(view.shadowed?.length ?? 0) > 0 && (
        <details className="shadowed" data-testid="shadowed">
          <summary>{t('entities.shadowed', { count: view.shadowed!.length })}</summary>
          <p className="hint">{t('entities.shadowedHint')}</p>
          <ul>
            {view.shadowed!.map((m) => (
              <li key={`${m.type}\u0000${m.text}`} data-testid="shadowed-mention" data-type={m.type}>
                <strong>{displayName(m.type)}</strong>: {m.text}
              </li>
            ))}
          </ul>
        </details>
      )}
      {nothing && <NothingParsed run={run} what={t('entities.what')} unparsed={view.unparsed} />}
      {(view.spans.length > 0 || view.notFound.length > 0) && (
        <ExportMenu
          name="entities"
          doc={{ text: view.text, spans: view.spans, relations: relations ?? [] }}
          provenance={view.source === 'model' ? run.provenance : null}
        />
      )}
    </section>
  );
}

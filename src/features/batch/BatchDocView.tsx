import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HighlightedText } from '../../components/HighlightedText';
import { RelationTable } from '../../components/RelationTable';
import { typeIndex } from '../../components/palette';
import type { BatchDocument } from '../../core/batch/documents';
import type { BatchResult } from '../../core/batch/results';
import type { Job, JobDoc } from '../../core/jobs';
import { foldName, relationKey } from '../../core/text';
import { readDocs, useJobs } from '../../store/jobs';
import type { RelationRowData } from '../../store/relations';

/** Relation rows with where their arguments occur, for the relation table and its highlights. */
function relationRows(result: BatchResult): RelationRowData[] {
  const where = (arg: string) => result.entities.filter((e) => foldName(e.text) === foldName(arg)).map(({ start, end }) => ({ start, end }));
  return result.relations.map((r) => ({ key: relationKey(r), type: r.type, head: r.head, tail: r.tail, headSpans: where(r.head), tailSpans: where(r.tail) }));
}

/** One document of a batch in the views of the single-document tabs: highlighted mentions, relations, answers. */
export function BatchDocView({ job, index }: { job: Job; index: number }) {
  const { t } = useTranslation('jobs');
  const { t: tw } = useTranslation('workbench');
  const revision = useJobs((s) => s.revision[job.id] ?? 0);
  const [doc, setDoc] = useState<JobDoc | null>(null);
  const [active, setActive] = useState<RelationRowData | null>(null);
  useEffect(() => {
    let stale = false;
    void readDocs(job.id, index, 1).then(([d]) => !stale && setDoc(d ?? null));
    return () => void (stale = true);
  }, [job.id, index, revision]);
  const result = doc?.result as BatchResult | undefined;
  const input = doc?.input as BatchDocument | undefined;
  const spans = result?.entities ?? [];
  const types = useMemo(() => typeIndex(spans.map((s) => s.type)), [spans]);
  const rows = useMemo(() => (result ? relationRows(result) : []), [result]);
  if (!doc || !input) return null;
  return (
    <section className="result" aria-labelledby="batch-doc-title" data-testid="batch-doc" data-doc-id={doc.docId}>
      <h3 id="batch-doc-title">
        {doc.docId} — {t(`doc.${doc.status}`)}
      </h3>
      {doc.error && (
        <p className="field-problem">
          {t(`errors:${doc.error.code}`, { defaultValue: doc.error.code })} ({doc.error.message})
        </p>
      )}
      {result && Object.keys(result.values).length > 0 && (
        <dl className="batch-values">
          {Object.entries(result.values).map(([k, v]) => (
            <div key={k}>
              <dt>{t(`values.${k}`, { defaultValue: k })}</dt>
              <dd>{Array.isArray(v) ? v.join('; ') || '—' : v || '—'}</dd>
            </div>
          ))}
        </dl>
      )}
      <HighlightedText
        text={input.text}
        spans={spans}
        typeIndex={types}
        label={tw('entities.textLabel', { count: spans.length })}
        emphasis={active ? [...active.headSpans, ...active.tailSpans] : undefined}
        showLabels
      />
      {rows.length > 0 && <RelationTable rows={rows} activeKey={active?.key ?? null} onActivate={setActive} />}
      {result && result.notFound.length > 0 && (
        <p className="hint">
          {tw('entities.notFound', { count: result.notFound.length })}: {result.notFound.map((m) => `${m.type}: ${m.text}`).join('; ')}
        </p>
      )}
      {doc.raw.length > 0 && (
        <details>
          <summary>{t('doc.raw', { count: doc.raw.length })}</summary>
          {doc.raw.map((r, i) => (
            <pre key={i} className="raw">
              {r}
            </pre>
          ))}
        </details>
      )}
    </section>
  );
}

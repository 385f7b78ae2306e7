import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { resultSummary, type BatchResult } from '../../core/batch/results';
import { isPartial, type Job, type JobDoc } from '../../core/jobs';
import { readDocs, useJobs } from '../../store/jobs';

const ROW = 36;
/** Rows read and drawn beyond the visible ones, so scrolling does not show gaps. */
const OVERSCAN = 10;

/**
 * One row per document (status, counts, a short preview), drawn and read from IndexedDB only where the list is
 * scrolled to, so 10,000 documents cost what a screenful does. One tab stop; arrow keys move, Enter opens.
 */
export function BatchRows({ job, selected, onOpen }: { job: Job; selected: number | null; onOpen: (index: number) => void }) {
  const { t } = useTranslation('jobs');
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(448);
  const [active, setActive] = useState(selected ?? 0);
  const [rows, setRows] = useState<Map<number, JobDoc>>(new Map());
  const revision = useJobs((s) => s.revision[job.id] ?? 0);
  const live = useJobs((s) => (s.live?.jobId === job.id ? s.live : null));
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const last = Math.min(job.total, Math.ceil((top + height) / ROW) + OVERSCAN);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 448));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let stale = false;
    void readDocs(job.id, first, last - first).then((docs) => !stale && setRows(new Map(docs.map((d) => [d.index, d]))));
    return () => void (stale = true);
  }, [job.id, first, last, revision]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(job.total - 1, to));
    setActive(next);
    const el = box.current;
    if (!el) return;
    if (next * ROW < el.scrollTop) el.scrollTop = next * ROW;
    else if ((next + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (next + 1) * ROW - el.clientHeight;
  };
  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW) - 1);
    const keys: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: job.total - 1,
    };
    if (e.key in keys) {
      e.preventDefault();
      move(keys[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(active);
    }
  };

  const items = [];
  for (let i = first; i < last; i++) {
    const doc = rows.get(i);
    const liveText = live?.texts[i];
    const status = liveText !== undefined ? 'running' : (doc?.status ?? 'queued');
    const result = doc?.result as BatchResult | undefined;
    const partial = doc ? isPartial(doc) : false;
    const preview =
      liveText !== undefined
        ? liveText.slice(-120)
        : doc?.status === 'failed'
          ? `${doc.error?.code}: ${doc.error?.message}`
          : result
            ? resultSummary(result)
            : (doc?.input as { text?: string })?.text?.slice(0, 120);
    items.push(
      <div
        key={i}
        id={`${job.id}-row-${i}`}
        role="option"
        aria-selected={i === selected}
        className={`batch-row${i === active ? ' active' : ''}`}
        style={{ top: i * ROW, height: ROW }}
        data-testid="batch-row"
        data-index={i}
        data-status={status}
        data-doc-id={doc?.docId ?? ''}
        data-starts={doc?.starts ?? 0}
        data-partial={partial}
        onClick={() => {
          setActive(i);
          onOpen(i);
        }}
      >
        <span className="doc-id">{doc?.docId ?? '…'}</span>
        <span className={`doc-status status-${status}`}>{t(`doc.${status}`)}</span>
        {partial && <span className="doc-partial">{t('doc.partial')}</span>}
        {result && (
          <span className="hint">{t('doc.counts', { entities: result.entities.length, relations: result.relations.length })}</span>
        )}
        <span className="doc-preview">{preview}</span>
      </div>,
    );
  }
  return (
    <div
      ref={box}
      className="batch-rows"
      role="listbox"
      tabIndex={0}
      aria-label={t('batch.rows', { count: job.total })}
      aria-activedescendant={job.total ? `${job.id}-row-${active}` : undefined}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      onKeyDown={onKey}
      data-testid="batch-rows"
    >
      <div style={{ height: job.total * ROW, position: 'relative' }}>{items}</div>
    </div>
  );
}

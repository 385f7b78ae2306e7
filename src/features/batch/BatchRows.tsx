import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { resultSummary, type BatchResult } from '../../core/batch/results';
import { isPartial, type JobDoc } from '../../core/jobs';
import { useJobs } from '../../store/jobs';
import { useJobDocs } from './useJobDocs';

const ROW = 36;
/** Rows read and drawn beyond the visible ones, so scrolling does not show gaps. */
const OVERSCAN = 10;

interface RowProps {
  jobId: string;
  index: number;
  doc: JobDoc | undefined;
  selected: boolean;
  active: boolean;
  onClick: (index: number) => void;
}

/**
 * One document: status, counts, a short preview. Only a row in flight follows the streamed answer, so a token
 * redraws that row alone.
 */
const BatchRow = memo(function BatchRow({ jobId, index, doc, selected, active, onClick }: RowProps) {
  const { t } = useTranslation('jobs');
  const liveText = useJobs((s) => (s.live?.jobId === jobId ? s.live.texts[index] : undefined));
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
  return (
    <div
      id={`${jobId}-row-${index}`}
      role="option"
      aria-selected={selected}
      className={`batch-row${active ? ' active' : ''}`}
      style={{ top: index * ROW, height: ROW }}
      data-testid="batch-row"
      data-index={index}
      data-status={status}
      data-doc-id={doc?.docId ?? ''}
      data-starts={doc?.starts ?? 0}
      data-partial={partial}
      onClick={() => onClick(index)}
    >
      <span className="doc-id">{doc?.docId ?? '…'}</span>
      <span className={`doc-status status-${status}`}>{t(`doc.${status}`)}</span>
      {partial && <span className="doc-partial">{t('doc.partial')}</span>}
      {result && <span className="hint">{t('doc.counts', { entities: result.entities.length, relations: result.relations.length })}</span>}
      <span className="doc-preview">{preview}</span>
    </div>
  );
});

/**
 * One row per document, drawn and read from IndexedDB only where the list is scrolled to, so 10,000 documents
 * cost what a screenful does. One tab stop; arrow keys move, Enter opens.
 */
export const BatchRows = memo(function BatchRows({
  jobId,
  total,
  selected,
  onOpen,
}: {
  jobId: string;
  total: number;
  selected: number | null;
  onOpen: (index: number) => void;
}) {
  const { t } = useTranslation('jobs');
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(448);
  const [active, setActive] = useState(selected ?? 0);
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const last = Math.min(total, Math.ceil((top + height) / ROW) + OVERSCAN);
  const rows = useJobDocs(jobId, first, last - first);
  // one handler for every row, so a row redraws only when its own document changes
  const onRowClick = useCallback(
    (i: number) => {
      setActive(i);
      onOpen(i);
    },
    [onOpen],
  );

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 448));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
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
      End: total - 1,
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
  for (let i = first; i < last; i++)
    items.push(
      <BatchRow key={i} jobId={jobId} index={i} doc={rows.get(i)} selected={i === selected} active={i === active} onClick={onRowClick} />,
    );
  return (
    <div
      ref={box}
      className="batch-rows"
      role="listbox"
      tabIndex={0}
      aria-label={t('batch.rows', { count: total })}
      aria-activedescendant={total ? `${jobId}-row-${active}` : undefined}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      onKeyDown={onKey}
      data-testid="batch-rows"
    >
      <div style={{ height: total * ROW, position: 'relative' }}>{items}</div>
    </div>
  );
});

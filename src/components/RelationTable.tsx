import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayName } from './displayName';
import type { RelationRowData } from '../core/tasks/definitions/relations';
import { rovingIndex } from './roving';

type Column = 'head' | 'type' | 'tail';

interface RelationTableProps {
  rows: readonly RelationRowData[];
  activeKey: string | null;
  /** A row got focus (or was clicked): its arguments are highlighted in the text. */
  onActivate: (row: RelationRowData) => void;
}

/**
 * Relations as (head, relation, tail) rows that sort by any column and filter by type and text. The rows are
 * one tab stop; arrow keys move between them and focusing a row activates it. Memoised: the tab re-renders
 * with every streamed piece of the next chunk's answer, which leaves the rows as they are.
 */
export const RelationTable = memo(function RelationTable({ rows, activeKey, onActivate }: RelationTableProps) {
  const { t } = useTranslation('workbench');
  const { name: displayName } = useDisplayName();
  const [sort, setSort] = useState<{ col: Column; dir: 1 | -1 } | null>(null);
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const body = useRef<HTMLTableSectionElement>(null);

  const types = useMemo(() => [...new Set(rows.map((r) => r.type))], [rows]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const out = rows.filter((r) => (!type || r.type === type) && (!q || [r.head, r.type, r.tail].some((x) => x.toLowerCase().includes(q))));
    if (sort) out.sort((a, b) => a[sort.col].localeCompare(b[sort.col]) * sort.dir);
    return out;
  }, [rows, query, type, sort]);
  const stop = Math.max(
    0,
    shown.findIndex((r) => r.key === activeKey),
  );

  const header = (col: Column, label: string) => {
    const dir = sort?.col === col ? sort.dir : 0;
    return (
      <th scope="col" aria-sort={dir === 1 ? 'ascending' : dir === -1 ? 'descending' : 'none'}>
        <button type="button" onClick={() => setSort({ col, dir: dir === 1 ? -1 : 1 })}>
          {label} <span aria-hidden="true">{dir === 1 ? '▲' : dir === -1 ? '▼' : '↕'}</span>
        </button>
      </th>
    );
  };
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const next = rovingIndex(e.key, i, shown.length, 'vertical');
    if (next === undefined) return;
    e.preventDefault();
    body.current?.querySelectorAll<HTMLElement>('tr')[next]?.focus();
  };
  const where = (spans: readonly unknown[]) => (spans.length ? null : <span className="hint"> {t('relations.notInText')}</span>);

  return (
    <div className="relation-table">
      <div className="table-tools">
        <label>
          {t('relations.filter')}{' '}
          <input type="search" data-testid="relation-filter" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {types.length > 1 && (
          <label>
            {t('relations.type')}{' '}
            <select data-testid="relation-type-filter" value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">{t('relations.allTypes')}</option>
              {types.map((x) => (
                <option key={x} value={x}>
                  {displayName(x)}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="hint" role="status">
          {t('relations.count', { shown: shown.length, count: rows.length })}
        </span>
      </div>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">{t('relations.caption')}</caption>
          <thead>
            <tr>
              {header('head', t('relations.head'))}
              {header('type', t('relations.relation'))}
              {header('tail', t('relations.tail'))}
            </tr>
          </thead>
          <tbody ref={body}>
            {shown.map((r, i) => (
              <tr
                key={r.key}
                data-testid="relation-row"
                tabIndex={i === stop ? 0 : -1}
                aria-current={r.key === activeKey ? 'true' : undefined}
                onFocus={() => onActivate(r)}
                onClick={() => onActivate(r)}
                onKeyDown={(e) => onKeyDown(e, i)}
              >
                <td data-testid="relation-head" title={r.headRef}>
                  {r.head}
                  {where(r.headSpans)}
                </td>
                <td data-testid="relation-type" data-type={r.type}>
                  {displayName(r.type)}
                </td>
                <td data-testid="relation-tail" title={r.tailRef}>
                  {r.tail}
                  {where(r.tailSpans)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
});

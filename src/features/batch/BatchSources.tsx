import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { TFunction } from 'i18next';
import { formatBytes } from '../../app/format';
import { FileButton } from '../../components/FileButton';
import {
  addFiles,
  addPasted,
  clearDraft,
  confirmTable,
  setTableColumns,
  skipTable,
  useBatch,
  type FileProblem,
  type PendingTable,
} from '../../store/batch';

const ACCEPT = '.txt,.pubtator,.json,.bioc,.jsonl,.ndjson,.csv,.tsv,.tab,.zip,text/plain,text/csv,application/json,application/zip';

type JobsT = TFunction<'jobs'>;

/** The file, its line when known, and the zip it is a member of. */
function whereOf(t: JobsT, p: Pick<FileProblem, 'file' | 'zip' | 'line'>): string {
  const where = p.line ? t('where.line', { file: p.file, line: p.line }) : t('where.file', { file: p.file });
  return p.zip ? t('where.inZip', { where, zip: p.zip }) : where;
}

/** What went wrong: a zip's in the page's words, a file's in its reader's. */
function problemText(t: JobsT, p: FileProblem): string {
  if (!p.zipFailure) return p.detail;
  const limit = p.limit ?? 0;
  return t(`batch.zip.${p.zipFailure}`, { size: formatBytes(limit), count: limit });
}

/** Which columns of a CSV or TSV file hold the text, the id and (for questions) the question. */
function ColumnChooser({ table }: { table: PendingTable }) {
  const { t } = useTranslation('jobs');
  const ids = { text: useId(), id: useId(), question: useId() };
  const { header, columns } = table;
  const pick = (field: 'text' | 'id' | 'question', optional: boolean) => (
    <>
      <label htmlFor={ids[field]}>{t(`batch.column.${field}`)}</label>
      <select
        id={ids[field]}
        data-testid={`batch-column-${field}`}
        value={columns[field] ?? ''}
        onChange={(e) => setTableColumns({ ...columns, [field]: e.target.value || undefined })}
      >
        {optional && <option value="">{t('batch.column.none')}</option>}
        {header.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <fieldset className="batch-columns" data-testid="batch-columns">
      <legend>{t('batch.columnsFor', { file: whereOf(t, { file: table.file.name, zip: table.file.zip }) })}</legend>
      <div className="row wrap">
        {pick('text', false)}
        {pick('id', true)}
        {pick('question', true)}
      </div>
      <div className="row">
        <button type="button" data-testid="batch-columns-add" onClick={confirmTable}>
          {t('batch.addRows')}
        </button>
        <button type="button" onClick={skipTable}>
          {t('batch.skipFile')}
        </button>
      </div>
    </fieldset>
  );
}

/** Documents in: files, a folder, pasted text. Problems name the file and line; what was gathered stays. Memoised: a running job re-renders the tab with every document. */
export const BatchSources = memo(function BatchSources({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('jobs');
  const pasteId = useId();
  const { draft, problems, tables, pasted, set } = useBatch(
    useShallow(({ draft, problems, tables, pasted, set }) => ({ draft, problems, tables, pasted, set })),
  );
  return (
    <fieldset className="batch-sources" disabled={disabled}>
      <legend>{t('batch.sources')}</legend>
      <div className="row">
        <FileButton
          label={t('batch.addFiles')}
          data-testid="batch-file-input"
          multiple
          accept={ACCEPT}
          onFiles={(files) => void addFiles(files)}
        />
        <FileButton label={t('batch.addFolder')} data-testid="batch-folder-input" directory onFiles={(files) => void addFiles(files)} />
      </div>
      <p className="hint">{t('batch.formats')}</p>
      {tables[0] && <ColumnChooser table={tables[0]} />}
      <label htmlFor={pasteId}>{t('batch.paste')}</label>
      <textarea id={pasteId} data-testid="batch-paste" rows={3} value={pasted} onChange={(e) => set({ pasted: e.target.value })} />
      <div className="row">
        <button type="button" data-testid="batch-paste-add" disabled={!pasted.trim()} onClick={addPasted}>
          {t('batch.addPasted')}
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="field-problem" role="alert" data-testid="batch-import-error">
          {problems.map((p, i) => (
            <li key={i}>
              {t('batch.problem', { where: whereOf(t, p) })} ({problemText(t, p)})
            </li>
          ))}
        </ul>
      )}
      <div className="row" role="status">
        <span data-testid="batch-draft" data-count={draft.length}>
          {t('batch.draft', { count: draft.length })}
        </span>
        {draft.length > 0 && (
          <button type="button" onClick={clearDraft}>
            {t('batch.clearDraft')}
          </button>
        )}
      </div>
    </fieldset>
  );
});

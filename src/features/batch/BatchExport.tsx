import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../components/download';
import type { BatchDocument } from '../../core/batch/documents';
import { EXPORT_FORMATS, exportBatch, type BatchResult, type ExportFormat } from '../../core/batch/results';
import type { Job } from '../../core/jobs';
import { readAllDocs } from '../../store/jobs';

/** Every document of the job, in one of the export formats; what it writes re-imports as the same documents. */
export function BatchExport({ job }: { job: Job }) {
  const { t } = useTranslation('jobs');
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('json');
  const [status, setStatus] = useState('');
  const save = async () => {
    const docs = await readAllDocs(job.id);
    const records = docs.map((d) => ({
      doc: d.input as BatchDocument,
      status: d.status,
      raw: d.raw,
      result: d.result as BatchResult | undefined,
      error: d.error,
      finishReasons: d.finishReasons,
      run: d.run,
    }));
    const about = { task: job.task, options: job.options, title: job.title, runs: job.runs };
    downloadFile(exportBatch(format, records, about, `batch-${job.task}-${job.id}`));
    setStatus(t('batch.exported', { count: records.length }));
  };
  return (
    <div className="row export-menu">
      <label htmlFor={id}>{t('batch.exportFormat')}</label>
      <select id={id} data-testid="batch-export" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {t(`batch.formatNames.${f}`)}
          </option>
        ))}
      </select>
      <button type="button" data-testid="batch-export-download" onClick={() => void save()}>
        {t('batch.exportAll')}
      </button>
      <span className="hint" role="status">
        {status}
      </span>
    </div>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entitiesToCsv, relationsToCsv, toBiocJson, toBrat, toJson, toPubTator } from '../../core/formats';
import type { AnnotatedDocument } from '../../core/formats';
import { viewDocument } from '../../store/annotations';
import { CopyButton } from '../../components/CopyButton';
import { downloadFile } from '../../components/download';
import type { Span } from '../../core/spans';
import type { RelationRowData } from '../../core/tasks/definitions/relations';
import { provenanceFields, type Provenance } from '../../core/run';

type Format = 'json' | 'csv-entities' | 'csv-relations' | 'bioc' | 'pubtator' | 'brat';

interface ExportFile {
  name: string;
  type: string;
  content: string;
}

const BOM = '\uFEFF';

const FORMATS: readonly Format[] = ['json', 'csv-entities', 'csv-relations', 'bioc', 'pubtator', 'brat'];

/** The files of one export; brat standoff is the text and its annotations side by side. */
export function exportFiles(format: Format, doc: AnnotatedDocument, base: string, provenance: Provenance | null = null): ExportFile[] {
  switch (format) {
    case 'json':
      return [{ name: `${base}.json`, type: 'application/json', content: toJson([doc], provenance ?? undefined) }];
    // a byte-order mark makes spreadsheet programs read the file as UTF-8 (Chinese text included)
    case 'csv-entities':
      return [{ name: `${base}-entities.csv`, type: 'text/csv', content: BOM + entitiesToCsv([doc]) }];
    case 'csv-relations':
      return [{ name: `${base}-relations.csv`, type: 'text/csv', content: BOM + relationsToCsv([doc]) }];
    case 'bioc':
      return [
        {
          name: `${base}.bioc.json`,
          type: 'application/json',
          content: toBiocJson([doc], undefined, provenance ? provenanceFields(provenance) : {}),
        },
      ];
    case 'pubtator':
      return [{ name: `${base}.pubtator.txt`, type: 'text/plain', content: toPubTator([doc], provenance ?? undefined) }];
    case 'brat': {
      const brat = toBrat(doc, provenance ?? undefined);
      return [
        { name: `${base}.ann`, type: 'text/plain', content: brat.ann },
        { name: `${base}.txt`, type: 'text/plain', content: brat.txt },
      ];
    }
  }
}

interface ExportMenuProps {
  /** File name stem and the document id of a model result. */
  name: string;
  doc: { text: string; spans: readonly Span[]; relations: readonly RelationRowData[] };
  /**
   * Where a model result came from, written into the formats that can hold it: JSON fields, BioC infons, a comment
   * line in PubTator and brat. CSV stays a plain table (a leading comment row would be read as data).
   */
  provenance?: Provenance | null;
}

/** Saves or copies the tab's current result as JSON, CSV, BioC JSON, PubTator or brat standoff. */
export function ExportMenu({ name, doc, provenance = null }: ExportMenuProps) {
  const { t } = useTranslation('workbench');
  const id = useId();
  const available = FORMATS.filter((f) => f !== 'csv-relations' || doc.relations.length > 0);
  const [format, setFormat] = useState<Format>('json');
  const [status, setStatus] = useState('');
  const chosen = available.includes(format) ? format : 'json';
  const files = () => exportFiles(chosen, viewDocument(name, doc.text, doc.spans, doc.relations), name, provenance);

  return (
    <div className="row export-menu" data-testid="export-menu">
      <label htmlFor={id}>{t('export.format')}</label>
      <select id={id} data-testid="export-format" value={chosen} onChange={(e) => setFormat(e.target.value as Format)}>
        {available.map((f) => (
          <option key={f} value={f}>
            {t(`export.formats.${f}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="export-download"
        onClick={() => {
          files().forEach(downloadFile);
          setStatus(t('export.saved'));
        }}
      >
        {t('export.download')}
      </button>
      <CopyButton testId="export-copy" label={t('export.copy')} text={() => files()[0].content.replace(/^\uFEFF/, '')} />
      <span className="hint" role="status">
        {status}
      </span>
    </div>
  );
}

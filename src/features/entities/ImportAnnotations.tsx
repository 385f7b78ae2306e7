import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAnnotations } from '../../store/annotations';
import { FileButton } from '../../components/FileButton';
import { DocumentNavigator } from '../../components/DocumentNavigator';
import { ENCODING_NAMES } from '../../components/TaskInput';
import { formatBytes } from '../../app/format';
import { MAX_ANNOTATION_FILE_BYTES } from '../../core/formats/open';

/** Opens an annotation file (JSON, BioC, PubTator, brat) to view its entities and relations, here and in the relations tab. */
export function ImportAnnotations() {
  const { t } = useTranslation('workbench');
  const { fileName, documents, index, warnings, error, errorCode, encoding, importFiles, offsetUnits, showDocument } = useAnnotations(
    useShallow(({ fileName, documents, index, warnings, error, errorCode, encoding, importFiles, offsetUnits, showDocument }) => ({
      fileName,
      documents,
      index,
      warnings,
      error,
      errorCode,
      encoding,
      importFiles,
      offsetUnits,
      showDocument,
    })),
  );
  return (
    <fieldset className="import-annotations">
      <legend>{t('import.title')}</legend>
      <div className="row">
        <FileButton
          label={t('import.file')}
          data-testid="annotations-file-input"
          accept=".txt,.pubtator,.json,.bioc,.ann,.zip,text/plain,application/json,application/zip"
          multiple
          onFiles={(files) => void importFiles(files)}
        />
      </div>
      <p className="hint">{t('import.hint')}</p>
      {error && (
        <p className="field-problem" role="alert" data-testid="import-error">
          {errorCode === 'notText'
            ? t('import.notText')
            : errorCode === 'tooLarge'
              ? t('import.tooLarge', { size: formatBytes(Number(error)), limit: formatBytes(MAX_ANNOTATION_FILE_BYTES) })
              : t('import.error', { detail: error })}
        </p>
      )}
      {encoding && encoding !== 'utf-8' && documents.length > 0 && (
        <p className="hint" role="status" data-testid="import-encoding">
          {t('input.encoding', { encoding: ENCODING_NAMES[encoding] })}
        </p>
      )}
      {documents.length > 0 && (
        <div className="doc-picker">
          <span role="status">{t('import.loaded', { name: fileName, count: documents.length })}</span>
          {documents.length > 1 && <DocumentNavigator docs={documents} index={index} onShow={showDocument} testId="import-document" />}
        </div>
      )}
      {documents.length > 0 && offsetUnits && (
        <p className="hint" data-testid="import-offsets" data-units={offsetUnits}>
          {t(`import.offsets.${offsetUnits}`)}
        </p>
      )}
      {warnings.length > 0 && (
        <details>
          <summary>{t('import.warnings', { count: warnings.length })}</summary>
          <ul className="unparsed">
            {warnings.slice(0, 50).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </fieldset>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addLocalModel, addModelByUrl, loadSelected, removeUserModel } from '../../store/modelActions';
import { useModel } from '../../store/model';
import { originBlockedByPage } from '../privacy/policy';
import { IssueList } from '../storage/ImportReport';
import { FileButton } from '../../components/FileButton';
import { AddServerModel } from './AddServerModel';
import type { ModelIssue } from '../../core/modelkit/types';

/** Add a model by URL, or pick `.gguf` file(s) from disk (several for a split model); either loads at once. */
export function AddModel() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<string | null>(null);
  const [issues, setIssues] = useState<ModelIssue[] | null>(null);
  const [checking, setChecking] = useState(false);
  const busy = useModel((s) => s.status === 'checking' || s.status === 'loading' || s.status === 'generating') || checking;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setIssues(null);
    const blocked = originBlockedByPage(url.trim());
    if (blocked) {
      setUrlProblem(t('model.hostNotAllowed', { origin: blocked }));
      return;
    }
    let entry;
    try {
      entry = addModelByUrl(url.trim());
    } catch {
      setUrlProblem(t('model.badUrl'));
      return;
    }
    setUrlProblem(null);
    // A GGUF's header is read (a few kilobytes, by range request) before the whole file is fetched.
    if (entry.engine === 'gguf') {
      setChecking(true);
      try {
        const { checkModelUrl } = await import('../../core/modelkit');
        const report = await checkModelUrl(entry.url, { contextSize: entry.context_window_size });
        setIssues(report.issues);
        if (!report.ok) {
          removeUserModel(entry.id); // a model that cannot load is not worth remembering
          return;
        }
      } catch {
        // the check itself could not run (its code failed to load offline, say): the load's own checks still
        // apply and report what they find as a translated engine error
      } finally {
        setChecking(false);
      }
    }
    setUrl('');
    void loadSelected();
  };

  return (
    <details className="add-model">
      <summary>{t('model.add')}</summary>
      <form onSubmit={(e) => void onSubmit(e)} className="row">
        <label htmlFor="model-url">{t('model.url')}</label>
        <input
          id="model-url"
          data-testid="model-url-input"
          type="url"
          required
          placeholder="https://…/model.gguf"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={urlProblem !== null}
          aria-describedby={urlProblem ? 'model-url-problem' : undefined}
        />
        <button type="submit" disabled={busy}>
          {t('model.addAndLoad')}
        </button>
      </form>
      {issues && issues.length > 0 && (
        <div className="url-check" data-testid="url-check">
          <IssueList issues={issues} />
          {issues.some((i) => i.severity === 'error') && <p role="alert">{t('model.urlRefused')}</p>}
        </div>
      )}
      {urlProblem && (
        <p id="model-url-problem" className="field-problem" role="alert">
          {urlProblem}
        </p>
      )}
      <div className="row">
        <FileButton
          label={t('model.file')}
          data-testid="model-file-input"
          accept=".gguf"
          multiple
          disabled={busy}
          onFiles={(files) => {
            addLocalModel(files);
            void loadSelected();
          }}
        />
      </div>
      <p className="hint">{t('model.fileHint')}</p>
      <AddServerModel />
    </details>
  );
}

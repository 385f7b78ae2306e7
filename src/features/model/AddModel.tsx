import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addLocalModel, addModelByUrl, loadSelected } from '../../store/modelActions';
import { useModel } from '../../store/model';
import { originBlockedByPage } from '../privacy/policy';

/** Add a model by URL, or pick `.gguf` file(s) from disk (several for a split model); either loads at once. */
export function AddModel() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<string | null>(null);
  const busy = useModel((s) => s.status === 'checking' || s.status === 'loading' || s.status === 'generating');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const blocked = originBlockedByPage(url.trim());
    if (blocked) {
      setUrlProblem(t('model.hostNotAllowed', { origin: blocked }));
      return;
    }
    try {
      addModelByUrl(url.trim());
      setUrlProblem(null);
      setUrl('');
      void loadSelected();
    } catch {
      setUrlProblem(t('model.badUrl'));
    }
  };

  return (
    <details className="add-model">
      <summary>{t('model.add')}</summary>
      <form onSubmit={onSubmit} className="row">
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
      {urlProblem && (
        <p id="model-url-problem" className="field-problem" role="alert">
          {urlProblem}
        </p>
      )}
      <div className="row">
        <label htmlFor="model-file">{t('model.file')}</label>
        <input
          id="model-file"
          data-testid="model-file-input"
          type="file"
          accept=".gguf"
          multiple
          disabled={busy}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length === 0) return;
            addLocalModel(files);
            void loadSelected();
          }}
        />
      </div>
      <p className="hint">{t('model.fileHint')}</p>
    </details>
  );
}

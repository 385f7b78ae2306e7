import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addCheckedModelUrl, addLocalModel, addressProblem, loadSelected } from '../../store/modelActions';
import { useModel } from '../../store/model';
import { FileButton } from '../../components/FileButton';
import { TextField } from '../../components/Field';
import { AddServerModel, UrlCheckReport } from './onDemand';

/** Add a model by URL, or pick `.gguf` file(s) from disk (several for a split model); either loads at once. */
export function AddModel() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  // the server form's code loads when "Add a model" is first opened
  const [opened, setOpened] = useState(false);
  const urlCheckOk = useModel((s) => s.urlCheck?.ok === true);
  const busy = useModel((s) => s.status === 'checking' || s.status === 'loading' || s.status === 'generating') || checking;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    // said beside the field, where the address was typed; the shared path below repeats it as the model error
    const blocked = addressProblem(url.trim());
    if (blocked) {
      setUrlProblem(
        blocked.code === 'page-policy' ? t('model.hostNotAllowed', blocked.params) : t(blocked.code, { ns: 'errors', ...blocked.params }),
      );
      return;
    }
    setChecking(true);
    let entry;
    try {
      entry = await addCheckedModelUrl(url.trim());
    } catch {
      setUrlProblem(t('model.badUrl'));
      return;
    } finally {
      setChecking(false);
    }
    setUrlProblem(null);
    if (!entry) return;
    setUrl('');
    void loadSelected();
  };

  return (
    <details className="add-model" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>{t('model.add')}</summary>
      <form onSubmit={(e) => void onSubmit(e)} className="row">
        <TextField
          label={t('model.url')}
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
      {/* a refused check is shown with the model error; warnings of one that passed, here */}
      {urlCheckOk && <UrlCheckReport />}
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
      {opened && <AddServerModel />}
    </details>
  );
}

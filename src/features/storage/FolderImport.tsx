import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toEngineError } from '../../engine/errors';
import type { FolderCheck, ImportReview, PickedFile } from '../../engine/folder-import';
import type { ModelEntry } from '../../engine/types';
import { useModel } from '../../store/model';
import { addLocalModel, selectModel } from '../../store/modelActions';
import { keepLocalModel, refreshStorage } from '../../store/storage';
import { keepEngineForOffline } from '../offline/serviceWorker';
import { ProgressBar } from '../../components/ProgressBar';
import { ImportReport } from './ImportReport';
import { FileButton } from '../../components/FileButton';

type Phase =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'keeping' }
  | { step: 'checked'; folder: string; check: FolderCheck; review: ImportReview | null }
  | { step: 'storing'; folder: string; check: FolderCheck; review: ImportReview; written: number }
  | { step: 'stored'; model: ModelEntry }
  | { step: 'kept'; label: string }
  | { step: 'failed'; reason: string };

// the model checks (and the GGUF header parser behind them) load only once a folder is picked
const importer = () => import('../../engine/folder-import');

type DirectoryPicker = (options?: { id?: string; mode?: 'read' }) => Promise<FileSystemDirectoryHandle>;
const directoryPicker = (): DirectoryPicker | undefined =>
  (window as unknown as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;

/** Import a model folder from disk into the browser's storage, after checking it, for computers without internet. */
export function FolderImport() {
  const { t } = useTranslation('storage');
  const entries = useModel((s) => s.entries);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const targets = entries.filter((e) => e.engine === 'webllm' && e.model_lib);
  const busy = phase.step === 'checking' || phase.step === 'storing' || phase.step === 'keeping';

  const failed = (err: unknown) => setPhase({ step: 'failed', reason: toEngineError(err).detail ?? String(err) });

  /** Matches the checked folder against a target; reading a file can fail (the folder moved, the disk went). */
  const review = async (folder: string, check: FolderCheck, targetId: string | undefined) => {
    const target = targets.find((e) => e.id === targetId);
    try {
      const reviewed = check.kind === 'mlc' && target ? await (await importer()).reviewImport(check, target) : null;
      setPhase({ step: 'checked', folder, check, review: reviewed });
    } catch (err) {
      failed(err);
    }
  };

  const onPicked = async (picked: PickedFile[]) => {
    if (!picked.length) return;
    const folder = picked[0]!.path.split('/')[0] ?? '';
    setPhase({ step: 'checking' });
    try {
      const { checkFolder, suggestedTarget } = await importer();
      const check = await checkFolder(picked);
      await review(folder, check, suggestedTarget(check, targets)?.id);
    } catch (err) {
      failed(err);
    }
  };

  const pickWithPicker = async () => {
    const pick = directoryPicker();
    if (!pick) return;
    try {
      const dir = await pick({ id: 'taiyi-model-folder', mode: 'read' });
      await onPicked(await (await importer()).pickedFromDirectory(dir, `${dir.name}/`));
    } catch (err) {
      if ((err as { name?: string })?.name !== 'AbortError') failed(err); // AbortError: the user closed the picker
    }
  };

  const store = async () => {
    if (phase.step !== 'checked' || phase.check.kind !== 'mlc' || !phase.review?.ok) return;
    const { folder, check, review: reviewed } = phase;
    setPhase({ step: 'storing', folder, check, review: reviewed, written: 0 });
    try {
      const progress = (written: number) => setPhase({ step: 'storing', folder, check, review: reviewed, written });
      // the engine's code too: the imported model's first load may be offline
      await Promise.all([(await importer()).writeImport(check, reviewed, progress), keepEngineForOffline('webllm')]);
      setPhase({ step: 'stored', model: reviewed.target });
    } catch (err) {
      failed(err);
    }
    void refreshStorage();
  };

  // an import is a deliberate choice: the checked files are kept at once, not only after a successful load
  const keepGguf = async () => {
    if (phase.step !== 'checked' || phase.check.kind !== 'gguf') return;
    const { files } = phase.check;
    const entry = addLocalModel(files);
    setPhase({ step: 'keeping' });
    const [problem] = await Promise.all([keepLocalModel(entry, files), keepEngineForOffline('gguf')]);
    setPhase(problem ? { step: 'failed', reason: problem.detail ?? problem.code } : { step: 'kept', label: entry.label });
    void refreshStorage();
  };

  return (
    <section aria-labelledby="import-heading" data-testid="folder-import">
      <h3 id="import-heading">{t('import.heading')}</h3>
      <p className="hint">{t('import.intro')}</p>
      {directoryPicker() ? (
        <button type="button" data-testid="import-folder-pick" disabled={busy} onClick={() => void pickWithPicker()}>
          {t('import.choose')}
        </button>
      ) : (
        <FileButton
          label={t('import.choose')}
          data-testid="import-folder-input"
          multiple
          directory
          disabled={busy}
          // webkitRelativePath starts with the picked folder's name
          onFiles={(files) => void onPicked(files.map((file) => ({ path: file.webkitRelativePath || file.name, blob: file })))}
        />
      )}
      {phase.step === 'checking' && <p role="status">{t('import.checking')}</p>}
      {phase.step === 'keeping' && <p role="status">{t('import.storing')}</p>}
      {(phase.step === 'checked' || phase.step === 'storing') && (
        <ImportReport
          folder={phase.folder}
          check={phase.check}
          review={phase.review}
          targets={targets}
          busy={busy}
          onTarget={(id) => void review(phase.folder, phase.check, id)}
          onStore={() => void store()}
          onKeepGguf={() => void keepGguf()}
        />
      )}
      {phase.step === 'storing' && (
        <ProgressBar fraction={phase.written / Math.max(1, phase.review.bytes)} label={t('import.storeProgress')} />
      )}
      {phase.step === 'stored' && (
        <p role="status" data-testid="import-done">
          {t('import.stored', { model: phase.model.label })}{' '}
          <button type="button" className="link" onClick={() => selectModel(phase.model.id)}>
            {t('import.select')}
          </button>
        </p>
      )}
      {phase.step === 'kept' && (
        <p role="status" data-testid="import-done">
          {t('import.ggufAdded', { model: phase.label })}
        </p>
      )}
      {phase.step === 'failed' && (
        <p className="field-problem" role="alert" data-testid="import-failed">
          {t('import.failed', { reason: phase.reason })}
        </p>
      )}
    </section>
  );
}

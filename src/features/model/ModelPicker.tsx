import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';
import { cancelLoad, loadSelected, removeUserModel, selectModel, unload } from '../../store/modelActions';
import type { ModelEntry } from '../../engine/types';
import type { Hosting } from '../../engine/hosting';
import { formatBytes } from '../../app/format';

/** The label names quantisation and engine already (the option group too); the size is what it adds. */
const optionLabel = (e: ModelEntry) => (e.size_MB ? `${e.label} · ${formatBytes(e.size_MB * 1024 * 1024)}` : e.label);

/** Choose a model, then load, cancel or unload it. */
export function ModelPicker() {
  const { t } = useTranslation();
  const entries = useModel((s) => s.entries);
  const selectedId = useModel((s) => s.selectedId);
  const status = useModel((s) => s.status);
  const loadedId = useModel((s) => s.loaded?.id);
  const busy = status === 'checking' || status === 'loading';
  const isLoaded = loadedId !== undefined && loadedId === selectedId;
  const removable = useModel((s) => s.entries.some((e) => e.id === s.selectedId && e.user_added));
  const hosting = useModel((s) => s.hosting);

  return (
    <div className="model-picker">
      <label htmlFor="model-select" className="visually-hidden">
        {t('model.choose')}
      </label>
      <select
        id="model-select"
        data-testid="model-select"
        value={selectedId ?? ''}
        onChange={(e) => selectModel(e.target.value)}
        disabled={busy || status === 'generating'}
      >
        {!selectedId && <option value="">{t('model.none')}</option>}
        <ModelOptions entries={entries} hosting={hosting} />
      </select>
      {busy ? (
        <button type="button" data-testid="model-cancel" onClick={cancelLoad}>
          {t('model.cancel')}
        </button>
      ) : isLoaded ? (
        <button type="button" data-testid="model-unload" onClick={() => void unload()} disabled={status === 'generating'}>
          {t('model.unload')}
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          data-testid="model-load"
          onClick={() => void loadSelected()}
          disabled={!selectedId || status === 'generating'}
        >
          {t('model.load')}
        </button>
      )}
      {removable && !busy && !isLoaded && selectedId && (
        <button type="button" data-testid="model-remove" onClick={() => removeUserModel(selectedId)}>
          {t('model.remove')}
        </button>
      )}
    </div>
  );
}

/** The registry's models grouped by engine; memoized, as the picker renders at every run's start and end. */
const ModelOptions = memo(function ModelOptions({
  entries,
  hosting,
}: {
  entries: readonly ModelEntry[];
  hosting: Readonly<Record<string, Hosting>>;
}) {
  const { t } = useTranslation();
  return (['webllm', 'gguf', 'openai'] as const).map((kind) => {
    const group = entries.filter((e) => e.engine === kind);
    return group.length === 0 ? null : (
      <optgroup key={kind} label={t(`engine.${kind}`)}>
        {group.map((e) => (
          <option key={e.id} value={e.id} data-hosting={hosting[e.id]}>
            {hosting[e.id] === 'missing' ? `${optionLabel(e)} · ${t('model.notHostedShort')}` : optionLabel(e)}
          </option>
        ))}
      </optgroup>
    );
  });
});

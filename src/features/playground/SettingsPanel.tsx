import { useTranslation } from 'react-i18next';
import { useSettings } from '../../store/settings';

/** Sampling settings, persisted; greedy decoding disables temperature and top_p. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const { temperature, top_p, max_tokens, greedy, set, reset } = useSettings();
  const clamp = (v: number, lo: number, hi: number) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo);
  return (
    <fieldset className="settings">
      <legend>{t('settings.title')}</legend>
      <label>
        {t('settings.temperature')}
        <input
          type="number"
          data-testid="settings-temperature"
          min={0}
          max={2}
          step={0.05}
          value={temperature}
          disabled={greedy}
          onChange={(e) => set({ temperature: clamp(e.target.valueAsNumber, 0, 2) })}
        />
      </label>
      <label>
        {t('settings.topP')}
        <input
          type="number"
          data-testid="settings-top-p"
          min={0.05}
          max={1}
          step={0.05}
          value={top_p}
          disabled={greedy}
          onChange={(e) => set({ top_p: clamp(e.target.valueAsNumber, 0.05, 1) })}
        />
      </label>
      <label>
        {t('settings.maxTokens')}
        <input
          type="number"
          data-testid="settings-max-tokens"
          min={1}
          max={4096}
          step={1}
          value={max_tokens}
          onChange={(e) => set({ max_tokens: Math.round(clamp(e.target.valueAsNumber, 1, 4096)) })}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" data-testid="settings-greedy" checked={greedy} onChange={(e) => set({ greedy: e.target.checked })} />
        {t('settings.greedy')}
      </label>
      <button type="button" className="link" onClick={reset}>
        {t('settings.reset')}
      </button>
    </fieldset>
  );
}

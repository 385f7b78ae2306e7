import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { MAX_TOKENS_LIMIT, useSettings } from '../../store/settings';

interface NumberSettingProps {
  label: string;
  testId: string;
  value: number;
  min: number;
  max: number;
  step: number;
  disabled?: boolean;
  onChange: (value: number) => void;
}

/** A number input that never hands on NaN or a value outside its range. */
function NumberSetting({ label, testId, value, min, max, step, disabled, onChange }: NumberSettingProps) {
  return (
    <label>
      {label}
      <input
        type="number"
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.valueAsNumber;
          if (Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }}
      />
    </label>
  );
}

/** Sampling settings, persisted; greedy decoding disables temperature and top_p. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const { temperature, top_p, max_tokens, greedy, set, reset } = useSettings(useShallow((s) => s));
  return (
    <fieldset className="settings">
      <legend>{t('settings.title')}</legend>
      <NumberSetting label={t('settings.temperature')} testId="settings-temperature" value={temperature} min={0} max={2} step={0.05} disabled={greedy} onChange={(v) => set({ temperature: v })} />
      <NumberSetting label={t('settings.topP')} testId="settings-top-p" value={top_p} min={0.05} max={1} step={0.05} disabled={greedy} onChange={(v) => set({ top_p: v })} />
      <NumberSetting label={t('settings.maxTokens')} testId="settings-max-tokens" value={max_tokens} min={1} max={MAX_TOKENS_LIMIT} step={1} onChange={(v) => set({ max_tokens: Math.round(v) })} />
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

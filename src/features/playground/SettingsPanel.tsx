import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { hasGrammar } from '../../core/grammar';
import type { TaskId } from '../../core/tasks';
import { useModel } from '../../store/model';
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

/**
 * Whether a task's answers are constrained to its format: on for tasks with a fixed format where the loaded engine
 * can, off (and unchangeable here) for free-text tasks and engines without grammars.
 */
function GrammarSetting({ formatted }: { formatted: boolean }) {
  const { t } = useTranslation();
  const grammar = useSettings((s) => s.grammar);
  const set = useSettings((s) => s.set);
  const unsupported = useModel((s) => s.loaded !== null && s.loaded.supportsGrammar !== true);
  const reason = !formatted ? t('settings.grammarFreeText') : unsupported ? t('settings.grammarUnsupported') : null;
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        data-testid="settings-grammar"
        checked={grammar && !reason}
        disabled={reason !== null}
        aria-describedby={reason ? 'settings-grammar-why' : undefined}
        onChange={(e) => set({ grammar: e.target.checked })}
      />
      {t('settings.grammar')}
      {reason && (
        <span className="hint" id="settings-grammar-why">
          {' '}
          {reason}
        </span>
      )}
    </label>
  );
}

/**
 * Sampling settings, persisted; greedy decoding disables temperature and top_p. Memoised: the playground redraws
 * when a run starts and ends, the settings only when they change. In a task tab (`task`) also
 * whether answers are constrained to the task's format; `formatted` says whether they have one where no task id
 * does (a test set).
 */
export const SettingsPanel = memo(function SettingsPanel({ task, formatted }: { task?: TaskId; formatted?: boolean } = {}) {
  const constrainable = formatted ?? (task ? hasGrammar(task) : undefined);
  const { t } = useTranslation();
  const { temperature, top_p, max_tokens, greedy, set, reset } = useSettings(useShallow((s) => s));
  return (
    <fieldset className="settings">
      <legend>{t('settings.title')}</legend>
      <NumberSetting
        label={t('settings.temperature')}
        testId="settings-temperature"
        value={temperature}
        min={0}
        max={2}
        step={0.05}
        disabled={greedy}
        onChange={(v) => set({ temperature: v })}
      />
      <NumberSetting
        label={t('settings.topP')}
        testId="settings-top-p"
        value={top_p}
        min={0.05}
        max={1}
        step={0.05}
        disabled={greedy}
        onChange={(v) => set({ top_p: v })}
      />
      <NumberSetting
        label={t('settings.maxTokens')}
        testId="settings-max-tokens"
        value={max_tokens}
        min={1}
        max={MAX_TOKENS_LIMIT}
        step={1}
        onChange={(v) => set({ max_tokens: Math.round(v) })}
      />
      <label className="checkbox">
        <input type="checkbox" data-testid="settings-greedy" checked={greedy} onChange={(e) => set({ greedy: e.target.checked })} />
        {t('settings.greedy')}
      </label>
      {constrainable !== undefined && <GrammarSetting formatted={constrainable} />}
      <button type="button" className="link" onClick={reset}>
        {t('settings.reset')}
      </button>
    </fieldset>
  );
});

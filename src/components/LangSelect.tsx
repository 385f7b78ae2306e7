import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { detectLanguage, type LangMode } from '../core/lang';

/** The prompt language: follows the input's script unless the user picks one. */
export function LangSelect({ value, onChange, input }: { value: LangMode; onChange: (v: LangMode) => void; input: string }) {
  const { t } = useTranslation('workbench');
  // Panels re-render with every streamed piece; the input, which may be long, has not changed.
  const detected = useMemo(() => detectLanguage(input), [input]);
  return (
    <label>
      {t('lang.label')}
      <select data-testid="prompt-lang" value={value} onChange={(e) => onChange(e.target.value as LangMode)}>
        <option value="auto">{t('lang.auto', { lang: t(`lang.${detected}`) })}</option>
        <option value="en">{t('lang.en')}</option>
        <option value="zh">{t('lang.zh')}</option>
      </select>
    </label>
  );
}

import { useTranslation } from 'react-i18next';

/** Switches the UI between English and Chinese; i18next remembers the choice. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const isZh = i18n.resolvedLanguage === 'zh';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      title={t('language.switchTo')}
      onClick={() => void i18n.changeLanguage(isZh ? 'en' : 'zh')}
    >
      {/* The visible word is the accessible name (spoken in its own language); the title says what it does. */}
      <span lang={isZh ? 'en' : 'zh-CN'}>{isZh ? 'English' : '中文'}</span>
    </button>
  );
}

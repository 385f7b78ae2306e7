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
      lang={isZh ? 'en' : 'zh-CN'}
      aria-label={t('language.switchTo')}
      onClick={() => void i18n.changeLanguage(isZh ? 'en' : 'zh')}
    >
      {isZh ? 'English' : '中文'}
    </button>
  );
}

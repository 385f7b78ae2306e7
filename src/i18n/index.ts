import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { resources, namespaces } from './resources';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

// Before init: the first language (from the URL or the saved choice) must set <html lang> too.
i18n.on('languageChanged', (lng) => {
  if (typeof document === 'undefined') return; // Node (scripts, tests): no page to label
  document.documentElement.lang = lng.startsWith('zh') ? 'zh-CN' : 'en';
  // `?lang=` outranks the saved choice, so it must follow a switch or a reload would undo it.
  const url = new URL(location.href);
  if (url.searchParams.has('lang') && url.searchParams.get('lang') !== lng) {
    url.searchParams.set('lang', lng);
    history.replaceState(history.state, '', url);
  }
});

/** `?lang=` wins, then the user's saved choice, then the browser's language. */
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    ns: namespaces,
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    detection: {
      order: ['querystring', 'localStorage', 'navigator'],
      lookupQuerystring: 'lang',
      lookupLocalStorage: 'taiyi.lang',
      caches: ['localStorage'],
    },
    react: { useSuspense: false },
  });

export default i18n;

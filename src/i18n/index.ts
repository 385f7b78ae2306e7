import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { bundledEnglish, loadChinese, loadEnglish } from './resources';
import { STARTUP_NAMESPACES } from './namespaces';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'taiyi.lang';

const supported = (tag: string | null | undefined): Language | null => {
  const base = tag?.toLowerCase().split('-')[0];
  return base === 'en' || base === 'zh' ? base : null;
};

/** `?lang=` wins, then the user's saved choice, then the browser's language. */
function detectLanguage(): Language {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage blocked: the other sources still decide
  }
  const fromBrowser = (navigator.languages ?? [navigator.language]).map(supported).find(Boolean);
  return supported(new URLSearchParams(location.search).get('lang')) ?? supported(saved) ?? fromBrowser ?? 'en';
}

/** The shell's English ships with the page; other namespaces and Chinese arrive in their own chunks when needed. */
const lazyStrings: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, namespace, done) => {
    const strings = language === 'zh' ? loadChinese().then((zh) => zh[namespace] ?? {}) : loadEnglish(namespace);
    strings.then(
      (loaded) => done(null, loaded),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), null),
    );
  },
};

const applyLanguage = (lng: string) => {
  document.documentElement.lang = lng.startsWith('zh') ? 'zh-CN' : 'en';
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not kept: the next visit detects again
  }
  // `?lang=` outranks the saved choice, so it must follow a switch or a reload would undo it.
  const url = new URL(location.href);
  if (url.searchParams.has('lang') && url.searchParams.get('lang') !== lng) {
    url.searchParams.set('lang', lng);
    history.replaceState(history.state, '', url);
  }
};
i18n.on('languageChanged', applyLanguage);

/** Resolves once the strings of the starting language are there (the page renders after it). */
export const i18nReady = i18n
  .use(lazyStrings)
  .use(initReactI18next)
  .init({
    lng: detectLanguage(),
    resources: { en: bundledEnglish },
    partialBundledLanguages: true,
    ns: STARTUP_NAMESPACES,
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    // keys are always paths: naming the (default) separators spares every t() call i18next's test for a key
    // written as a sentence
    keySeparator: '.',
    nsSeparator: ':',
    react: { useSuspense: false },
  })
  .then(() => undefined);

export default i18n;

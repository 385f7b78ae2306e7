/**
 * Every namespace, English first (the typed source) and Chinese mirroring it (its own chunk, fetched only when the
 * page is shown in Chinese). A namespace is added here once and picked up by the app and by the key-parity test.
 *
 * The English strings of the shell (the header, the model area and every error message) come with the page; each
 * other namespace is its own chunk, fetched when the code that shows it loads (see STARTUP_NAMESPACES), so the
 * entry chunk carries no string a first visit does not show.
 */
import { byNamespace } from './namespaces';

type Strings = Record<string, unknown>;

const bundled = import.meta.glob<Strings>('./locales/en/{common,errors}.json', { eager: true, import: 'default' });
const onDemand = byNamespace(
  import.meta.glob<Strings>(['./locales/en/*.json', '!./locales/en/{common,errors}.json'], { import: 'default' }),
);

/** The English strings that come with the page, by namespace. */
export const bundledEnglish = byNamespace(bundled);
export const namespaces = [...Object.keys(bundledEnglish), ...Object.keys(onDemand)];

/** One namespace of English strings. */
export const loadEnglish = async (namespace: string): Promise<Strings> =>
  bundledEnglish[namespace] ?? (await onDemand[namespace]?.()) ?? {};

/** Every English namespace (the key-parity test). */
export const loadAllEnglish = async (): Promise<Record<string, Strings>> =>
  Object.fromEntries(await Promise.all(namespaces.map(async (ns) => [ns, await loadEnglish(ns)] as const)));

/** The Chinese strings, by namespace. */
export const loadChinese = () => import('./zh').then((m) => m.chinese);

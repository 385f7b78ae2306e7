/**
 * Every namespace, English first (the typed source, bundled with the page) and Chinese mirroring it (its own
 * chunk, fetched only when the page is shown in Chinese). A namespace is added here once and picked up by the
 * app and by the key-parity test.
 */
import { byNamespace } from './namespaces';

const en = import.meta.glob<Record<string, unknown>>('./locales/en/*.json', { eager: true, import: 'default' });

export const english = byNamespace(en);
export const namespaces = Object.keys(english);

/** The Chinese strings, by namespace. */
export const loadChinese = () => import('./zh').then((m) => m.chinese);

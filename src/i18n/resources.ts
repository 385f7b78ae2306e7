/**
 * Every namespace, English first (the typed source) and Chinese mirroring it.
 * A namespace is added here once and picked up by the app and by the key-parity test.
 */
const en = import.meta.glob<Record<string, unknown>>('./locales/en/*.json', { eager: true, import: 'default' });
const zh = import.meta.glob<Record<string, unknown>>('./locales/zh/*.json', { eager: true, import: 'default' });

const byNamespace = (files: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(files).map(([path, json]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), json]));

export const resources = { en: byNamespace(en), zh: byNamespace(zh) };
export const namespaces = Object.keys(resources.en);

/** Locale files keyed by namespace: `./locales/en/common.json` → `common`. */
export const byNamespace = (files: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(files).map(([path, json]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), json]));

/** Locale files keyed by namespace: `./locales/en/common.json` → `common`. */
export const byNamespace = <T>(files: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(files).map(([path, json]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), json]));

/**
 * The namespaces the first render shows: the shell's, the tabs' (`workbench`) and the storage button's; `jobs`
 * loads with the batch and eval tabs (features/tabs.ts). The build preloads their English files (vite.config.ts).
 */
export const STARTUP_NAMESPACES = ['common', 'errors', 'storage', 'workbench'];

/** A folder URL, with its trailing slash. */
export const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * The model base URL WebLLM will use: WebLLM appends `resolve/main/` unless the folder already matches
 * `.+/resolve/.+/` (its own rule, kept to the letter so both sides name the same files).
 */
export function mlcModelUrl(url: string): string {
  const base = withSlash(url);
  return /.+\/resolve\/.+\//.test(base) ? base : `${base}resolve/main/`;
}

/** A server's address as the page keeps it; apart from the HTTP helpers, so the page's start needs none of them. */

/**
 * The server base URL the user typed, tidied: absolute http(s), no query, no trailing slash, and `/v1` added when
 * no path is given (what vLLM, llama-server and MLC serve all mount the API under).
 * @throws TypeError when it is not an http(s) URL
 */
export function normalizeBaseUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${input}`);
  url.search = '';
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path || '/v1'}`;
}

/**
 * A quick look at a model's files before an engine library downloads them. The libraries wait as long as the
 * browser does on a host that never answers, and turn a missing file into a confusing failure much later
 * (a 404 page fed to the wasm compiler). This answers within seconds with a `network` error that names the file.
 */
import { EngineError } from './errors';

/** How long a model's files may take to answer before a load fails with `network`. */
export const PRECHECK_TIMEOUT_MS = 10_000;

/** Files that are already in the origin's Cache Storage need no network (offline use after a first load). */
export async function isCached(url: string): Promise<boolean> {
  try {
    return typeof caches !== 'undefined' && (await caches.match(url)) !== undefined;
  } catch {
    return false; // Cache Storage is unavailable in some private modes; then just ask the network
  }
}

/** Single-page hosts answer a missing file with their index.html and status 200. */
export const isHtmlInPlaceOf = (response: Response, url: string) =>
  /text\/html/i.test(response.headers.get('content-type') ?? '') && !/\.html?(?:[?#]|$)/i.test(url);

async function checkOne(url: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<void> {
  if (await isCached(url)) return;
  let response: Response;
  try {
    // GET rather than HEAD: every static host answers GET; the body is cancelled as soon as the headers arrive
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as { name?: string })?.name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new EngineError('network', `${url}: no answer within ${Math.round(timeoutMs / 1000)} s`, { cause: err });
    throw new EngineError('network', `${url}: ${String(err)}`, { cause: err });
  }
  void response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new EngineError('network', `${url}: HTTP ${response.status}`);
  if (isHtmlInPlaceOf(response, url))
    throw new EngineError('network', `${url}: the server answered with an HTML page, so the file is probably missing`);
}

/**
 * Checks that every URL answers with a 2xx status and not an HTML page, in parallel.
 * @throws EngineError `network` naming the first file that failed.
 */
export async function precheckUrls(urls: readonly string[], timeoutMs: number, fetchImpl: typeof fetch = fetch): Promise<void> {
  await Promise.all(urls.map((url) => checkOne(url, timeoutMs, fetchImpl)));
}

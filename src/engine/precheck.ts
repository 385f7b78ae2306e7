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

/**
 * A request the browser refused to show the page may still have been answered: the browser does not say whether
 * the host is unreachable or refused CORS. A `no-cors` HEAD tells them apart (its answer is opaque, but it comes).
 * Under cross-origin isolation such an answer also needs `Cross-Origin-Resource-Policy`; without it this stays
 * "unreachable".
 */
async function answersWithoutCors(url: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<boolean> {
  try {
    await fetchImpl(url, { method: 'HEAD', mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

async function checkOne(url: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<void> {
  if (await isCached(url)) return;
  let response: Response;
  try {
    // GET rather than HEAD: every static host answers GET; the body is cancelled as soon as the headers arrive, and
    // it bypasses the HTTP cache, which would keep the first bytes of a large file for nothing
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
  } catch (err) {
    const name = (err as { name?: string })?.name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new EngineError('network', `${url}: no answer within ${Math.round(timeoutMs / 1000)} s`, { cause: err });
    if (await answersWithoutCors(url, timeoutMs, fetchImpl))
      throw new EngineError('cors', `${url}: the host answered without an Access-Control-Allow-Origin header for this page`, {
        cause: err,
      });
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

/**
 * Whether this site hosts a registry entry's files, asked at start so the picker can say which models will work
 * before anyone presses Load. One small request per entry, for its first file (a WebLLM model's config, a GGUF's
 * first part): HEAD, which every static host answers without a body; a host that refuses HEAD is asked for one byte.
 * Nothing is downloaded, and an address the page's security policy blocks is not asked at all. Only the site's own
 * files are asked (its origin and its model base, see {@link onThisSite}): opening the page tells no other host.
 */
import { originBlockedByPage } from './policy';
import { isCached, isHtmlInPlaceOf } from './precheck';
import type { ModelEntry } from './types';
import { webllmConfigUrl } from './webllm-config';

/**
 * `hosted`: the first file answers (or is cached); `missing`: the host answers 404/410 or with an HTML page where a
 * model file should be (a static host's "not found" page); `unknown`: no answer, a server error or a blocked
 * address, which a load reports precisely, so the entry is not marked.
 */
export type Hosting = 'hosted' | 'missing' | 'unknown';

/** How long one check may take: the picker must say what works within seconds. */
export const HOSTING_TIMEOUT_MS = 5_000;

/**
 * Whether `url` is this site's to answer for: on the page's origin, or under the model base the page was built with
 * (`VITE_TAIYI_BASE_URL`, where a deployer puts the shipped entries). Entries elsewhere are someone else's host.
 */
export function onThisSite(url: string, pageUrl: string, modelBase: string): boolean {
  try {
    return new URL(url).origin === new URL(pageUrl).origin || url.startsWith(modelBase);
  } catch {
    return false;
  }
}

/** The file whose answer tells whether an entry is hosted. */
export function firstFileUrl(entry: ModelEntry): string {
  return entry.engine === 'webllm' ? webllmConfigUrl(entry) : (entry.urls?.[0] ?? entry.url);
}

/** Reads a response's verdict; its body (if any) is cancelled unread. */
function verdict(response: Response, url: string): Hosting {
  void response.body?.cancel().catch(() => undefined);
  if (response.status === 404 || response.status === 410) return 'missing';
  if (!response.ok) return 'unknown';
  return isHtmlInPlaceOf(response, url) ? 'missing' : 'hosted';
}

/** Whether `entry`'s first file is on its host. Never throws. */
export async function checkHosting(
  entry: ModelEntry,
  fetchImpl: typeof fetch = fetch,
  timeoutMs: number = HOSTING_TIMEOUT_MS,
): Promise<Hosting> {
  if (entry.engine === 'openai' || entry.url.startsWith('local:')) return 'unknown';
  const url = firstFileUrl(entry);
  if (typeof document !== 'undefined' && originBlockedByPage(url)) return 'unknown';
  if (await isCached(url)) return 'hosted';
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    const head = await fetchImpl(url, { method: 'HEAD', cache: 'no-store', signal });
    // 405/501: a host without HEAD; one byte by range request says the same
    if (head.status !== 405 && head.status !== 501) return verdict(head, url);
    return verdict(await fetchImpl(url, { headers: { Range: 'bytes=0-0' }, cache: 'no-store', signal }), url);
  } catch {
    return 'unknown';
  }
}

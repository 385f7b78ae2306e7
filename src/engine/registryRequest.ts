/**
 * The page's request for `models.json`, which the first script of the page starts (`registryHeadStart.ts`, a chunk
 * of its own that index.html loads beside the entry), so the model list does not wait until the entry and its
 * chunks are fetched and run. `loadRegistry` takes that response instead of asking again.
 *
 * It is the request `loadRegistry` would make, `no-cache` included. A `<link rel="preload" as="fetch">` would not
 * do: Chromium hands its response to this fetch, but takes it from the HTTP cache, so a host's `max-age` would hide
 * a deployer's edit on the next visit.
 */

export const REGISTRY_FILE = 'models.json';

/** Where the registry of the page at `pageUrl` is: beside the page. */
export const registryUrl = (pageUrl: string) => new URL(REGISTRY_FILE, pageUrl).href;

/** `no-cache`: a deployer's edit must show up on the next visit, not after the HTTP cache expires. */
const fetchRegistry = (url: string, fetchImpl: typeof fetch) => fetchImpl(url, { cache: 'no-cache' });

/** The request started ahead: `undefined` before, `null` once taken (or when it came too late to be of use). */
let ahead: { url: string; response: Promise<Response> } | null | undefined;

/** Starts the page's registry request ahead of the code that reads it; once per page, and never after it was read. */
export function startRegistryRequest(pageUrl: string = document.baseURI): void {
  if (ahead !== undefined) return;
  const url = registryUrl(pageUrl);
  const response = fetchRegistry(url, fetch);
  // a failure is reported by `takeRegistryResponse`'s caller, not as an unhandled rejection here
  response.catch(() => undefined);
  ahead = { url, response };
}

/**
 * The response for `url`: the one started ahead when it is for that URL, otherwise a request of its own.
 * @param fetchImpl another fetch (tests, Node) never takes the page's request
 */
export function takeRegistryResponse(url: string, fetchImpl?: typeof fetch): Promise<Response> {
  if (fetchImpl) return fetchRegistry(url, fetchImpl);
  const started = ahead;
  ahead = null;
  return started?.url === url ? started.response : fetchRegistry(url, fetch);
}

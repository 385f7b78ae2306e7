import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as RegistryRequest from './registryRequest';

const PAGE = 'https://example.org/app/index.html';
const REGISTRY = 'https://example.org/app/models.json';

/** A stand-in for the page's fetch that counts requests and answers each with its own number. */
function countingFetch() {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fake = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(String(calls.length));
  });
  return { calls, fake };
}

// the module keeps the page's one request: each test starts from a fresh copy of it
let request: typeof RegistryRequest;
let page: ReturnType<typeof countingFetch>;
beforeEach(async () => {
  vi.resetModules();
  request = await import('./registryRequest');
  page = countingFetch();
  vi.stubGlobal('fetch', page.fake);
});
afterEach(() => vi.unstubAllGlobals());

describe('the registry request started ahead', () => {
  it('is the request the page reads: one request, revalidated against the host', async () => {
    request.startRegistryRequest(PAGE);
    request.startRegistryRequest(PAGE); // a second start (the entry importing the head start again) asks nothing
    expect(page.calls).toEqual([{ url: REGISTRY, init: { cache: 'no-cache' } }]);
    expect(await (await request.takeRegistryResponse(REGISTRY)).text()).toBe('1');
    expect(page.calls).toHaveLength(1);
  });

  it('is read once: a later read asks again', async () => {
    request.startRegistryRequest(PAGE);
    await request.takeRegistryResponse(REGISTRY);
    expect(await (await request.takeRegistryResponse(REGISTRY)).text()).toBe('2');
    expect(page.calls.map((c) => c.init)).toEqual([{ cache: 'no-cache' }, { cache: 'no-cache' }]);
  });

  it('is not used for another URL, nor started once the registry was read without it', async () => {
    request.startRegistryRequest(PAGE);
    expect(await (await request.takeRegistryResponse('https://example.org/other/models.json')).text()).toBe('2');
    request.startRegistryRequest(PAGE);
    expect(page.calls.map((c) => c.url)).toEqual([REGISTRY, 'https://example.org/other/models.json']);
  });

  it('is left to the page when a caller brings its own fetch', async () => {
    request.startRegistryRequest(PAGE);
    const own = countingFetch();
    await request.takeRegistryResponse(REGISTRY, own.fake as unknown as typeof fetch);
    expect(own.calls).toEqual([{ url: REGISTRY, init: { cache: 'no-cache' } }]);
    expect(await (await request.takeRegistryResponse(REGISTRY)).text()).toBe('1');
  });

  it('hands a failed request to its reader, without an unhandled rejection before', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    request.startRegistryRequest(PAGE);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(request.takeRegistryResponse(REGISTRY)).rejects.toThrow('Failed to fetch');
  });
});

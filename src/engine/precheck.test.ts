import { describe, expect, it } from 'vitest';
import { precheckUrls } from './precheck';

const url = 'https://host/m.gguf';
/** A fetch whose CORS requests fail as the browser fails them, and whose `no-cors` ones get `noCors`. */
const fetchWith =
  (noCors: 'answers' | 'fails'): typeof fetch =>
  async (_input, init) => {
    if (init?.mode === 'no-cors' && noCors === 'answers') return new Response(null, { status: 200 });
    throw new TypeError('Failed to fetch');
  };

describe('precheckUrls', () => {
  it('tells a host that answers without CORS headers from one that cannot be reached', async () => {
    await expect(precheckUrls([url], 1000, fetchWith('answers'))).rejects.toMatchObject({ code: 'cors' });
    await expect(precheckUrls([url], 1000, fetchWith('fails'))).rejects.toMatchObject({ code: 'network' });
  });

  it('names an HTML page answering for a missing file', async () => {
    const html: typeof fetch = async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } });
    await expect(precheckUrls([url], 1000, html)).rejects.toMatchObject({ code: 'network', detail: expect.stringContaining('HTML page') });
  });
});

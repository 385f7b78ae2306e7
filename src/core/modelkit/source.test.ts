import { describe, expect, it } from 'vitest';
import { blobSource, readText, urlSource } from './source.ts';

/** A fake host serving `files`, honouring Range unless told not to, optionally refusing HEAD. */
function host(files: Record<string, string>, opts: { noHead?: boolean; noRange?: boolean } = {}) {
  const calls: string[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const range = new Headers(init?.headers).get('Range');
    calls.push(`${method} ${url.pathname}${range ? ` ${range}` : ''}`);
    const body = files[url.pathname];
    if (body === undefined) return new Response(null, { status: 404 });
    if (method === 'HEAD')
      return opts.noHead ? new Response(null, { status: 405 }) : new Response(null, { headers: { 'content-length': String(body.length) } });
    const m = /bytes=(\d+)-(\d*)/.exec(range ?? '');
    if (!m || opts.noRange) return new Response(body);
    const end = m[2] ? Number(m[2]) + 1 : body.length;
    return new Response(body.slice(Number(m[1]), end), {
      status: 206,
      headers: { 'content-range': `bytes ${m[1]}-${end - 1}/${body.length}` },
    });
  }) as typeof fetch;
  return { fetchFn, calls };
}

describe('urlSource', () => {
  const files = { '/m/resolve/main/a.json': '{"x":1}', '/libs/t.wasm': 'WASMBYTES' };

  it('stats with HEAD, reads ranges, resolves absolute paths to themselves', async () => {
    const { fetchFn, calls } = host(files);
    const source = urlSource('https://h.example/m/resolve/main/', fetchFn);
    expect(await source.stat('a.json')).toEqual({ size: 7 });
    expect(await source.stat('missing.json')).toBeUndefined();
    expect(await readText(source, 'a.json')).toBe('{"x":1}');
    expect(new TextDecoder().decode(await source.read('https://h.example/libs/t.wasm', 0, 4))).toBe('WASM');
    expect(calls).toContain('GET /libs/t.wasm bytes=0-3');
  });

  it('falls back to a one-byte range when HEAD is refused, and slices when Range is ignored', async () => {
    const source = urlSource('https://h.example/m/resolve/main/', host(files, { noHead: true }).fetchFn);
    expect(await source.stat('a.json')).toEqual({ size: 7 });
    const ignoring = urlSource('https://h.example/m/resolve/main/', host(files, { noRange: true }).fetchFn);
    expect(new TextDecoder().decode(await ignoring.read('a.json', 1, 4))).toBe('"x"');
  });
});

describe('blobSource', () => {
  it('drops the picked folder name so paths are relative to the model root', async () => {
    const source = blobSource([
      { path: 'taiyi/mlc-chat-config.json', blob: new Blob(['{}']) },
      { path: 'taiyi/params_shard_0.bin', blob: new Blob([new Uint8Array(10)]) },
    ]);
    expect(await source.list!()).toEqual(['mlc-chat-config.json', 'params_shard_0.bin']);
    expect(await source.stat('params_shard_0.bin')).toEqual({ size: 10 });
    expect((await source.read('params_shard_0.bin', 2, 5)).length).toBe(3);
    await expect(source.read('nope')).rejects.toThrow(/no such file/);
  });
});

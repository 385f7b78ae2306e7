import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHosting, firstFileUrl, onThisSite } from './hosting';
import type { ModelEntry } from './types';

// a host with one model, a single-page "not found", a host without HEAD and one that fails
const requests: { method: string; path: string; range?: string }[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, range: req.headers.range });
    if (path === '/hosted/resolve/main/mlc-chat-config.json')
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    if (path === '/spa/m.gguf') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html>');
    if (path === '/nohead/m.gguf') {
      if (req.method === 'HEAD') return void res.writeHead(405).end();
      return void res.writeHead(206, { 'Content-Type': 'application/octet-stream', 'Content-Range': 'bytes 0-0/9' }).end('G');
    }
    if (path === '/broken/m.gguf') return void res.writeHead(500).end();
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const gguf = (path: string): ModelEntry => ({
  id: path,
  label: path,
  engine: 'gguf',
  url: `${base}${path}`,
  quantization: 'Q2_K',
  context_window_size: 512,
  prompt_format: 'taiyi',
  languages: ['en'],
});

describe('checkHosting', () => {
  it("asks for a WebLLM model's config, by HEAD, and finds it", async () => {
    const entry: ModelEntry = { ...gguf('x'), engine: 'webllm', url: `${base}/hosted/resolve/main/`, model_lib: `${base}/lib.wasm` };
    expect(firstFileUrl(entry)).toBe(`${base}/hosted/resolve/main/mlc-chat-config.json`);
    expect(await checkHosting(entry)).toBe('hosted');
    expect(requests.at(-1)).toMatchObject({ method: 'HEAD', path: '/hosted/resolve/main/mlc-chat-config.json' });
  });

  it('marks a 404 and an HTML page in place of a model file as missing', async () => {
    expect(await checkHosting(gguf('/absent/m.gguf'))).toBe('missing');
    expect(await checkHosting(gguf('/spa/m.gguf'))).toBe('missing');
  });

  it('asks a host without HEAD for one byte', async () => {
    expect(await checkHosting(gguf('/nohead/m.gguf'))).toBe('hosted');
    expect(requests.at(-1)).toMatchObject({ method: 'GET', range: 'bytes=0-0' });
  });

  it('asks for the first part of a split GGUF', async () => {
    const split = { ...gguf('/absent/a-00001-of-00002.gguf'), urls: [`${base}/nohead/m.gguf`, `${base}/absent/b.gguf`] };
    expect(await checkHosting(split)).toBe('hosted');
  });

  it('leaves a server error, an unreachable host and a server model unmarked', async () => {
    expect(await checkHosting(gguf('/broken/m.gguf'))).toBe('unknown');
    expect(await checkHosting({ ...gguf('x'), url: 'http://127.0.0.1:1/m.gguf' })).toBe('unknown');
    expect(await checkHosting({ ...gguf('x'), engine: 'openai', url: `${base}/v1` })).toBe('unknown');
  });
});

describe('onThisSite', () => {
  const page = 'https://me.github.io/taiyi/?lang=zh';
  it("takes the page's origin and its model base, and no other host", () => {
    expect(
      onThisSite('https://me.github.io/taiyi/models/a/resolve/main/mlc-chat-config.json', page, 'https://me.github.io/taiyi/models/'),
    ).toBe(true);
    expect(onThisSite('https://huggingface.co/me/a/resolve/main/x.json', page, 'https://huggingface.co/me/')).toBe(true);
    expect(onThisSite('https://huggingface.co/mlc-ai/Qwen/resolve/main/x.json', page, 'https://me.github.io/taiyi/models/')).toBe(false);
    expect(onThisSite('not a url', page, 'https://me.github.io/taiyi/models/')).toBe(false);
  });
});

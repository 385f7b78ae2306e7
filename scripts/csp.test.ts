import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildCsp, modelHosts } from './csp';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1) ?? null;

describe('modelHosts', () => {
  it('lists absolute hosts with the CDNs Hugging Face redirects to, and ignores relative URLs', () => {
    const registry = {
      models: [
        { url: 'taiyi/resolve/main/', model_lib: 'taiyi/resolve/main/x.wasm' },
        { url: 'https://huggingface.co/mlc-ai/Qwen', model_lib: 'https://raw.githubusercontent.com/mlc-ai/libs/x.wasm' },
        { url: 'https://example.org:8443/a.gguf', urls: ['https://example.org:8443/a.gguf', 'https://mirror.example.net/b.gguf'] },
      ],
    };
    expect(modelHosts(registry)).toEqual([
      'https://*.hf.co',
      'https://*.huggingface.co',
      'https://example.org:8443',
      'https://huggingface.co',
      'https://mirror.example.net',
      'https://raw.githubusercontent.com',
    ]);
  });

  it('resolves relative URLs against an absolute model base', () => {
    expect(modelHosts({ models: [{ url: 'taiyi/resolve/main/' }] }, 'https://models.example.com/org/')).toEqual([
      'https://models.example.com',
    ]);
    expect(modelHosts({ models: [{ url: 'taiyi/resolve/main/' }] }, '/models/')).toEqual([]);
  });

  it('survives a malformed registry', () => {
    expect(modelHosts(null)).toEqual([]);
    expect(modelHosts({ models: [{ url: 'http://[bad' }, 7] })).toEqual([]);
  });
});

describe('buildCsp', () => {
  const registry = JSON.parse(readFileSync('public/models.json', 'utf8')) as unknown;

  it('allows no inline script and no eval in the document, and connections only to known places', () => {
    const meta = buildCsp({ registry });
    expect(directive(meta, 'script-src')).toEqual(["'self'"]);
    expect(directive(meta, 'worker-src')).toEqual(["'self'"]);
    expect(meta).not.toContain('unsafe-inline');
    expect(meta).not.toContain('frame-ancestors'); // ignored in <meta>
    const connect = directive(meta, 'connect-src')!;
    expect(connect).toContain("'self'");
    expect(connect).toContain('https://huggingface.co');
    expect(connect).toContain('http://127.0.0.1:*');
    expect(connect).not.toContain('*');
  });

  it('gives workers (header form) WebAssembly compilation and blob: workers, nothing more', () => {
    const header = buildCsp({ registry, header: true });
    expect(directive(header, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directive(header, 'worker-src')).toEqual(["'self'", 'blob:']);
    expect(directive(header, 'frame-ancestors')).toEqual(["'none'"]);
  });

  it('adds what a deployer allows on top', () => {
    expect(directive(buildCsp({ registry: [], extraConnect: ['https://models.example.org'] }), 'connect-src')).toContain(
      'https://models.example.org',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { blockedOrigins, connectSources, shownSources, sourceAllows } from './policy';

const page = 'https://user.github.io';
const allows = (source: string, url: string) => sourceAllows(source, new URL(url), page);

describe('CSP sources', () => {
  it('reads connect-src', () => {
    expect(connectSources("default-src 'self'; connect-src 'self' https://a.org; img-src data:")).toEqual(["'self'", 'https://a.org']);
    expect(connectSources("default-src 'self'")).toBeNull();
  });

  it('matches host sources the way browsers do', () => {
    expect(allows("'self'", 'https://user.github.io/taiyi/models/x')).toBe(true);
    expect(allows("'self'", 'https://other.github.io/x')).toBe(false);
    expect(allows('https://*.hf.co', 'https://cas-bridge.xethub.hf.co/x')).toBe(true);
    expect(allows('https://*.hf.co', 'https://hf.co/x')).toBe(false);
    expect(allows('https://huggingface.co', 'https://huggingface.co/mlc-ai/x')).toBe(true);
    expect(allows('https://huggingface.co', 'http://huggingface.co/x')).toBe(false);
    expect(allows('http://127.0.0.1:*', 'http://127.0.0.1:41234/a.gguf')).toBe(true);
    expect(allows('https://example.org:8443', 'https://example.org/a')).toBe(false);
    expect(allows('https://example.org', 'https://example.org:443/a')).toBe(true);
    expect(allows('data:', 'data:text/plain,x')).toBe(true);
  });

  it('names the registry hosts a policy blocks, once each', () => {
    const sources = ["'self'", 'https://huggingface.co'];
    expect(
      blockedOrigins(
        ['https://huggingface.co/a', 'https://user.github.io/m/', 'https://evil.example/x', 'https://evil.example/y', 'local:x'],
        sources,
        page,
      ),
    ).toEqual(['https://evil.example']);
  });

  it('shows what matters to a user', () => {
    expect(shownSources(["'self'", 'blob:', 'data:', 'http://localhost:*', 'https://huggingface.co'])).toEqual([
      { kind: 'self' },
      { kind: 'local', host: 'http://localhost:*' },
      { kind: 'host', host: 'https://huggingface.co' },
    ]);
  });
});

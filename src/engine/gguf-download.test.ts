import { describe, expect, it } from 'vitest';
import { continuesStoredFile, normaliseEtag, planDownload, type CachedFileMeta } from './gguf-download';

const url = 'https://host/m.gguf';
const meta: CachedFileMeta = { originalURL: url, originalSize: 1000, etag: 'abc1' };
const answer = (status: number, headers: Record<string, string>) => ({ status, headers: new Headers(headers) });

describe('planDownload', () => {
  it('resumes a stored file that falls short of the size its metadata announces', () => {
    expect(planDownload(url, 240, meta)).toEqual({ kind: 'resume', from: 240 });
    expect(planDownload(url, 1000, meta)).toEqual({ kind: 'complete' });
  });

  it('starts afresh without metadata, for another URL, with nothing stored or more than announced', () => {
    expect(planDownload(url, 240, null)).toEqual({ kind: 'whole' });
    expect(planDownload(url, 240, { ...meta, originalURL: 'https://host/other.gguf' })).toEqual({ kind: 'whole' });
    expect(planDownload(url, 0, meta)).toEqual({ kind: 'whole' });
    expect(planDownload(url, 1200, meta)).toEqual({ kind: 'whole' });
    expect(planDownload(url, 240, { ...meta, originalSize: 0 })).toEqual({ kind: 'whole' });
  });
});

describe('continuesStoredFile', () => {
  it('accepts the rest of the same file', () => {
    expect(continuesStoredFile(answer(206, { 'content-range': 'bytes 240-999/1000', etag: '"abc1"' }), 240, meta)).toBe(true);
    // a host that does not expose Content-Range: the length says the same
    expect(continuesStoredFile(answer(206, { 'content-length': '760' }), 240, meta)).toBe(true);
  });

  it('refuses a whole file, another range, another size or another version', () => {
    expect(continuesStoredFile(answer(200, { 'content-length': '1000' }), 240, meta)).toBe(false);
    expect(continuesStoredFile(answer(206, { 'content-range': 'bytes 0-999/1000' }), 240, meta)).toBe(false);
    expect(continuesStoredFile(answer(206, { 'content-range': 'bytes 240-1999/2000' }), 240, meta)).toBe(false);
    expect(continuesStoredFile(answer(206, { 'content-range': 'bytes 240-999/1000', etag: '"zzz9"' }), 240, meta)).toBe(false);
    expect(continuesStoredFile(answer(206, { 'content-length': '500' }), 240, meta)).toBe(false);
  });

  it('compares ETags as wllama stores them, letters and digits only', () => {
    expect(normaliseEtag('W/"a-b.c"')).toBe('Wabc');
    expect(normaliseEtag(null)).toBe('');
  });
});

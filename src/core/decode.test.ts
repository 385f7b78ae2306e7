import { describe, expect, it } from 'vitest';
import { NotTextError, decodeText, readTextFile } from './decode';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeText', () => {
  it('reads UTF-8 strictly and drops its byte order mark', () => {
    const utf8 = new TextEncoder().encode('\uFEFF患者主诉咳嗽 cough');
    expect(decodeText(utf8)).toEqual({ text: '患者主诉咳嗽 cough', encoding: 'utf-8' });
  });

  it('falls back to GB18030 for Chinese text that is not UTF-8, and says so', () => {
    // 患者主诉咳嗽 in GBK/GB18030.
    const gbk = bytes(0xbb, 0xbc, 0xd5, 0xdf, 0xd6, 0xf7, 0xcb, 0xdf, 0xbf, 0xc8, 0xcb, 0xd4);
    expect(decodeText(gbk)).toEqual({ text: '患者主诉咳嗽', encoding: 'gb18030' });
  });

  it('reads UTF-16 files that carry a byte order mark', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x61, 0x00, 0x2d, 0x4e))).toEqual({ text: 'a中', encoding: 'utf-16le' });
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x61))).toEqual({ text: 'a', encoding: 'utf-16be' });
  });

  it('refuses binary files such as a GGUF model', async () => {
    const gguf = new Uint8Array(4096);
    gguf.set(new TextEncoder().encode('GGUF'), 0);
    gguf.set(bytes(3, 0, 0, 0), 4);
    expect(() => decodeText(gguf)).toThrow(NotTextError);
    await expect(readTextFile(new Blob([gguf]))).rejects.toThrow(NotTextError);
    // Bytes that are neither UTF-8 nor GB18030 (a lone 0xFF is invalid in both).
    expect(() => decodeText(bytes(0x61, 0xff))).toThrow(NotTextError);
  });

  it('keeps tabs, line breaks and form feeds as text', () => {
    expect(decodeText(new TextEncoder().encode('a\tb\r\nc\fd')).text).toBe('a\tb\r\nc\fd');
  });
});

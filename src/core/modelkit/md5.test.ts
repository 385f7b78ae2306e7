import { describe, expect, it } from 'vitest';
import { Md5, md5Hex } from './md5.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('md5', () => {
  it('matches the RFC 1321 test suite', () => {
    expect(md5Hex(bytes(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(bytes('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(bytes('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex(bytes('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });

  it('gives the same digest however the input is chunked', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    const whole = md5Hex(data);
    const chunked = new Md5();
    for (let i = 0; i < data.length; i += 37) chunked.update(data.subarray(i, i + 37));
    expect(chunked.hex()).toBe(whole);
    expect(chunked.hex()).toBe(whole); // hex() is repeatable
  });

  it('handles lengths around the padding boundary', () => {
    // 55 and 56 bytes straddle the point where the length no longer fits in the last block
    expect(md5Hex(new Uint8Array(55))).toBe('c9ea3314b91c9fd4e38f9432064fd1f2');
    expect(md5Hex(new Uint8Array(56))).toBe('e3c4dd21a9171fd39d208efa09bf7883');
    expect(md5Hex(new Uint8Array(64))).toBe('3b5d3c7d207e37dceeedd301e35e2e58');
  });
});

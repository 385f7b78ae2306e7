/**
 * Incremental MD5, because MLC records each weight shard's `md5sum` and WebCrypto offers no MD5.
 * Used only to verify downloads against that record, never for anything security-related.
 */

const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** A running MD5 digest: feed bytes with `update`, finish with `hex`. */
export class Md5 {
  private a = 0x67452301;
  private b = 0xefcdab89;
  private c = 0x98badcfe;
  private d = 0x10325476;
  private readonly block = new Uint8Array(64);
  private readonly words = new Uint32Array(16);
  private filled = 0;
  private length = 0;
  private done = false;

  /** @throws Error when called after `hex()` */
  update(bytes: Uint8Array): this {
    if (this.done) throw new Error('Md5: update after digest');
    this.length += bytes.length;
    let i = 0;
    if (this.filled > 0) {
      const take = Math.min(64 - this.filled, bytes.length);
      this.block.set(bytes.subarray(0, take), this.filled);
      this.filled += take;
      i = take;
      if (this.filled < 64) return this;
      this.compress(this.block, 0);
      this.filled = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) this.compress(bytes, i);
    this.block.set(bytes.subarray(i), 0);
    this.filled = bytes.length - i;
    return this;
  }

  /** The digest as 32 lowercase hex digits; the hash cannot be updated afterwards. */
  hex(): string {
    if (!this.done) {
      const bits = this.length * 8;
      const tail = new Uint8Array(this.filled < 56 ? 64 - this.filled : 128 - this.filled);
      tail[0] = 0x80;
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, bits >>> 0, true);
      view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32), true);
      this.length -= tail.length; // padding is not message length
      this.update(tail);
      this.done = true;
    }
    return [this.a, this.b, this.c, this.d]
      .map((word) => {
        let out = '';
        for (let k = 0; k < 4; k++) out += ((word >>> (k * 8)) & 0xff).toString(16).padStart(2, '0');
        return out;
      })
      .join('');
  }

  private compress(bytes: Uint8Array, offset: number): void {
    const x = this.words;
    for (let j = 0; j < 16; j++) {
      const p = offset + j * 4;
      x[j] = (bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)) >>> 0;
    }
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const shift = S[(i >> 4) * 4 + (i % 4)]!;
      const sum = (a + f + K[i]! + x[g]!) >>> 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    this.a = (this.a + a) >>> 0;
    this.b = (this.b + b) >>> 0;
    this.c = (this.c + c) >>> 0;
    this.d = (this.d + d) >>> 0;
  }
}

/** MD5 of a whole byte array, as lowercase hex. */
export function md5Hex(bytes: Uint8Array): string {
  return new Md5().update(bytes).hex();
}

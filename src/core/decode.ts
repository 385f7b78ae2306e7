/**
 * Reading a text file the user opened: strict UTF-8 first, GB18030 when the bytes are not UTF-8 (Chinese clinical
 * text is often saved that way), UTF-16 when the file says so with a byte order mark, and a refusal for binary
 * files, so a model file dropped on a text box never becomes half a million characters of noise.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read in; anything but UTF-8 deserves a notice. */
  encoding: TextEncodingName;
}

/** The bytes are not text in any encoding tried. */
export class NotTextError extends Error {
  constructor() {
    super('binary data, not text');
    this.name = 'NotTextError';
  }
}

/** Control bytes that never occur in text (NUL and the C0 controls other than tab, line breaks, form feed, escape). */
// eslint-disable-next-line no-control-regex -- control bytes are what this looks for
const BINARY_BYTE = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;
const SNIFF = 64 * 1024;

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && BINARY_BYTE.test(String.fromCharCode(b))) controls++;
  }
  return controls > head.length / 100;
}

function strict(encoding: TextEncodingName, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes a text file's bytes. A leading UTF-8 byte order mark is dropped.
 * @throws {NotTextError} when the bytes are binary or valid in none of the encodings.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strictOrThrow('utf-16le', bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strictOrThrow('utf-16be', bytes), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new NotTextError();
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: strictOrThrow('gb18030', bytes), encoding: 'gb18030' };
}

function strictOrThrow(encoding: TextEncodingName, bytes: Uint8Array): string {
  const text = strict(encoding, bytes);
  if (text === null) throw new NotTextError();
  return text;
}

/**
 * Reads a file (or any blob) as text with {@link decodeText}.
 * @throws {NotTextError} when it is not text.
 */
export async function readTextFile(file: Blob): Promise<DecodedText> {
  return decodeText(new Uint8Array(await file.arrayBuffer()));
}

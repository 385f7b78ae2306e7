/**
 * A zip as batch input: its members that the batch reads, as if each had been picked as a file. The central
 * directory is read first and its sizes are held against the limits before a byte is inflated, and each member is
 * inflated in slices that stop as soon as it outgrows the size the directory gives, so neither a zip bomb nor a zip
 * that lies about its sizes costs more than the limits. Never throws: every problem is an outcome, so the reading
 * can cross a worker boundary.
 */
import { Inflate } from 'fflate';
import { decodeText } from '../decode.ts';
import type { SourceFile } from './documents.ts';

export interface ZipLimits {
  /** The zip itself, in bytes; checked before it is read. */
  zipBytes: number;
  /** What the members read may hold together once unpacked, in bytes; checked before any is unpacked. */
  unpackedBytes: number;
  /** Entries in the central directory. */
  members: number;
}

export const ZIP_LIMITS: ZipLimits = { zipBytes: 100_000_000, unpackedBytes: 100_000_000, members: 50_000 };

/** What kept a zip, or one member of it, from being read. */
export type ZipFailure =
  | 'tooLarge'
  | 'unpackedTooLarge'
  | 'tooManyMembers'
  | 'unreadable'
  | 'corrupt'
  | 'empty'
  | 'noReadableMember'
  | 'memberCorrupt'
  | 'memberUnsupported'
  | 'memberNotText';

export interface ZipProblem {
  code: ZipFailure;
  /** The member's path in the zip, for the `member*` codes. */
  member?: string;
  /** The limit passed, for the `too*` codes (bytes, or entries for `tooManyMembers`). */
  limit?: number;
}

export interface ZipContents {
  /** The members read, in the zip's order, named by their path in it. */
  files: SourceFile[];
  problems: ZipProblem[];
}

/** Members the batch reads (brat's `.ann` files and configuration are passed over: a batch needs only the text). */
const READ = /\.(txt|pubtator|json|bioc|jsonl|ndjson|csv|tsv|tab)$/i;
/** macOS resource forks and hidden files, which archivers add unasked. */
const HIDDEN = /(^|\/)(__MACOSX\/|\.)/;
const MAX32 = 0xffffffff;
/** Compressed bytes inflated at a time: what a member may overrun its declared size by before it is stopped. */
const SLICE = 64 * 1024;

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const u32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
const u64 = (b: Uint8Array, p: number) => u32(b, p) + u32(b, p + 4) * 2 ** 32;

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** A member name: UTF-8 when flagged or valid, else the old single-byte code page (read as Latin-1). */
function entryName(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\\/g, '/');
  } catch {
    return new TextDecoder('latin1').decode(bytes).replace(/\\/g, '/');
  }
}

/** Where the central directory is and how many entries it has, from the end record (ZIP64 when it says so). */
function directoryEnd(b: Uint8Array): { count: number; offset: number } | null {
  let e = b.length - 22;
  const stop = Math.max(0, e - 0xffff); // the end record's comment is at most 64 KiB
  while (e >= stop && u32(b, e) !== 0x06054b50) e--;
  if (e < stop) return null;
  let count = u16(b, e + 10);
  let offset = u32(b, e + 16);
  if (count === 0xffff || offset === MAX32) {
    const locator = e - 20;
    if (locator < 0 || u32(b, locator) !== 0x07064b50) return null;
    const end64 = u64(b, locator + 8);
    if (end64 + 56 > b.length || u32(b, end64) !== 0x06064b50) return null;
    count = u64(b, end64 + 32);
    offset = u64(b, end64 + 48);
  }
  return offset <= b.length ? { count, offset } : null;
}

/** The central directory's entries, or why it cannot be used. */
function readDirectory(b: Uint8Array, limits: ZipLimits): Entry[] | ZipProblem {
  const end = directoryEnd(b);
  if (!end) return { code: 'corrupt' };
  if (end.count > limits.members) return { code: 'tooManyMembers', limit: limits.members };
  const entries: Entry[] = [];
  let p = end.offset;
  for (let i = 0; i < end.count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return { code: 'corrupt' };
    const nameEnd = p + 46 + u16(b, p + 28);
    const extraEnd = nameEnd + u16(b, p + 30);
    if (extraEnd > b.length) return { code: 'corrupt' };
    let compressed = u32(b, p + 20);
    let size = u32(b, p + 24);
    let offset = u32(b, p + 42);
    // ZIP64: the values that do not fit in 32 bits are in the extra field 0x0001, in this order
    for (let x = nameEnd; x + 4 <= extraEnd; x += 4 + u16(b, x + 2)) {
      if (u16(b, x) !== 1) continue;
      let q = x + 4;
      const next = () => {
        q += 8;
        return u64(b, q - 8);
      };
      if (size === MAX32) size = next();
      if (compressed === MAX32) compressed = next();
      if (offset === MAX32) offset = next();
    }
    entries.push({ name: entryName(b.subarray(p + 46, nameEnd)), flags: u16(b, p + 8), method: u16(b, p + 10), compressed, size, offset });
    p = extraEnd + u16(b, p + 32);
  }
  return entries;
}

/** A member's bytes, unpacked to exactly the size the directory gives, or why not. */
function unpack(b: Uint8Array, entry: Entry): Uint8Array | 'memberCorrupt' | 'memberUnsupported' {
  if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) return 'memberUnsupported'; // encrypted, or not deflate
  const h = entry.offset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) return 'memberCorrupt';
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const end = start + entry.compressed;
  if (end > b.length) return 'memberCorrupt';
  if (entry.method === 0) return entry.compressed === entry.size ? b.subarray(start, end) : 'memberCorrupt';
  const out = new Uint8Array(entry.size);
  let at = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    if (at + chunk.length > out.length) over = true;
    else {
      out.set(chunk, at);
      at += chunk.length;
    }
  });
  try {
    for (let p = start; p < end && !over; p += SLICE) inflate.push(b.subarray(p, Math.min(end, p + SLICE)), p + SLICE >= end);
  } catch {
    return 'memberCorrupt';
  }
  return !over && at === out.length ? out : 'memberCorrupt';
}

/**
 * Reads the members of a zip that the batch takes (`.txt`, PubTator, BioC JSON, JSON Lines, CSV, TSV), each
 * decoded as a text file is, named by its path in the zip; folders, hidden files, brat's `.ann` and configuration
 * files are passed over. A member that cannot be unpacked or is not text is a problem of its own; the others are read.
 */
export function readZipSources(bytes: Uint8Array, zipName: string, limits: ZipLimits = ZIP_LIMITS): ZipContents {
  const fail = (problem: ZipProblem): ZipContents => ({ files: [], problems: [problem] });
  if (bytes.length > limits.zipBytes) return fail({ code: 'tooLarge', limit: limits.zipBytes });
  const entries = readDirectory(bytes, limits);
  if (!Array.isArray(entries)) return fail(entries);
  const members = entries.filter((e) => !e.name.endsWith('/'));
  if (!members.length) return fail({ code: 'empty' });
  const wanted = members.filter((e) => READ.test(e.name) && !HIDDEN.test(e.name));
  if (!wanted.length) return fail({ code: 'noReadableMember' });
  if (wanted.reduce((sum, e) => sum + e.size, 0) > limits.unpackedBytes)
    return fail({ code: 'unpackedTooLarge', limit: limits.unpackedBytes });
  const contents: ZipContents = { files: [], problems: [] };
  for (const entry of wanted) {
    const data = unpack(bytes, entry);
    if (typeof data === 'string') {
      contents.problems.push({ code: data, member: entry.name });
      continue;
    }
    try {
      contents.files.push({ name: entry.name, zip: zipName, content: decodeText(data).text });
    } catch {
      contents.problems.push({ code: 'memberNotText', member: entry.name }); // decodeText refuses only binary data
    }
  }
  return contents;
}

/** `readZipSources` on a picked file, whose size is checked before a byte of it is read. */
export async function openZip(file: Blob, zipName: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipContents> {
  if (file.size > limits.zipBytes) return { files: [], problems: [{ code: 'tooLarge', limit: limits.zipBytes }] };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { files: [], problems: [{ code: 'unreadable' }] };
  }
  return readZipSources(bytes, zipName, limits);
}

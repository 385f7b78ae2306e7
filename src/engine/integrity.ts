/**
 * Subresource-integrity values (`sha256-…`, `sha384-…`, `sha512-…`), as the registry gives them, checked against
 * files the app holds: a downloaded GGUF, the files of a folder import.
 */
import { base64 } from '../core/modelkit/sri';

const SRI = /^(sha256|sha384|sha512)-(.+)$/;
const ALGORITHMS = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const;

/**
 * The hash of `blob` as an SRI value in the algorithm `expected` names, to compare with `expected`; undefined when
 * `expected` is not an SRI value. Reads the blob into memory once: Web Crypto has no streaming digest.
 */
export async function sriOf(blob: Blob, expected: string): Promise<string | undefined> {
  const match = SRI.exec(expected);
  if (!match) return undefined;
  const prefix = match[1] as keyof typeof ALGORITHMS;
  const digest = await crypto.subtle.digest(ALGORITHMS[prefix], await blob.arrayBuffer());
  return `${prefix}-${base64(new Uint8Array(digest))}`;
}

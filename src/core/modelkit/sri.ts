/**
 * Subresource-integrity strings (`sha256-<base64>`), the form WebLLM's `integrity` fields and the GGUF entry use.
 * WebCrypto hashes whole buffers only, so this suits configs, tokenizers and model libraries; the Node tools stream
 * large files through node:crypto instead.
 */

/** Standard base64 of bytes, without relying on `btoa` or `Buffer`. */
export function base64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63]! : '=';
  }
  return out;
}

/** `sha256-<base64>` of bytes. @throws when WebCrypto is unavailable (non-secure browser contexts) */
export async function sriSha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
  return `sha256-${base64(new Uint8Array(digest))}`;
}

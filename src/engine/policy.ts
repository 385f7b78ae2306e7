/**
 * Reading the page's own Content-Security-Policy back, to tell the user which addresses the page may contact and
 * to warn a deployer whose models.json names a host the built policy blocks.
 */

/** The `connect-src` sources of a policy text, or null when the policy has none. */
export function connectSources(policy: string): string[] | null {
  const directive = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name?.toLowerCase() === 'connect-src');
  return directive ? directive.slice(1) : null;
}

/** The policy the page was built with (`<meta http-equiv>`), or null (development server). */
export function pagePolicy(doc: Document = document): string | null {
  return doc.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute('content') ?? null;
}

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Whether a CSP host-source (`https://*.hf.co`, `http://127.0.0.1:*`, `'self'`) allows `url`. */
export function sourceAllows(source: string, url: URL, pageOrigin: string): boolean {
  if (source === "'self'") return url.origin === pageOrigin;
  if (source === '*') return /^https?:$/.test(url.protocol);
  if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return url.protocol === source.toLowerCase();
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^:/]+)(?::(\d+|\*))?(\/.*)?$/i.exec(source);
  if (!m) return false;
  const [, scheme, wildcard, host, port, path] = m;
  if (scheme && url.protocol !== `${scheme.toLowerCase()}:`) return false;
  const hostOk = wildcard
    ? new RegExp(`^(?:[^.]+\\.)+${escape(host!)}$`, 'i').test(url.hostname)
    : url.hostname.toLowerCase() === host!.toLowerCase();
  if (!hostOk) return false;
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  if (port !== '*' && (url.port || defaultPort) !== (port ?? defaultPort)) return false;
  return !path || path === '/' || url.pathname.startsWith(path);
}

/** The hosts among `urls` that `sources` block (`origin` strings, each once). */
export function blockedOrigins(urls: readonly string[], sources: readonly string[], pageOrigin: string): string[] {
  const blocked = new Set<string>();
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(url.protocol)) continue;
    if (!sources.some((s) => sourceAllows(s, url, pageOrigin))) blocked.add(url.origin);
  }
  return [...blocked];
}

/** A contact address as shown to people: what kind it is, and the address. */
export type ShownSource = { kind: 'self' } | { kind: 'local'; host: string } | { kind: 'host'; host: string };

/** The `connect-src` sources worth telling the user about (not `blob:`/`data:`, which are the page's own bytes). */
export function shownSources(sources: readonly string[]): ShownSource[] {
  return sources.flatMap((s): ShownSource[] => {
    if (s === "'self'") return [{ kind: 'self' }];
    if (/^(blob|data):$/i.test(s)) return [];
    if (/^https?:\/\/(localhost|127\.0\.0\.1)(:|$)/i.test(s)) return [{ kind: 'local', host: s }];
    return [{ kind: 'host', host: s }];
  });
}

/**
 * The origin of `url` when the page's own policy forbids downloading from it, else null (allowed, or no policy,
 * as on the development server). Lets the page explain a refusal instead of showing a bare network error.
 */
export function originBlockedByPage(url: string, doc: Document = document): string | null {
  const policy = pagePolicy(doc);
  const sources = policy ? connectSources(policy) : null;
  if (!sources) return null;
  return blockedOrigins([url], sources, location.origin)[0] ?? null;
}

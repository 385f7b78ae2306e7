/**
 * Serves the built app (`dist/`) the way a static host does, with the headers of `dist/_headers`, and lets a test
 * swap a file's content: a "new deployment" without rebuilding (the shared `vite preview` cannot do that).
 * Also serves JavaScript libraries as modules another origin can import.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export interface AppServer {
  url: string;
  /** Bodies POSTed to `/__csp-report` (point a policy's `report-uri` there). */
  reports: unknown[];
  /** Answers `path` (e.g. `/sw.js`) with `body` from now on. */
  override(path: string, body: string | Buffer): void;
  close(): Promise<void>;
}

/** The `/*` block of a Netlify-style `_headers` file, if the folder has one. */
export function readHeaders(root: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(root, '_headers'), 'utf8');
  } catch {
    return {};
  }
  const lines = text.split('\n').slice(1);
  return Object.fromEntries(
    lines.filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/**
 * @param extraHeaders sent with every file, e.g. CORS headers for a library another origin imports, or the
 *   `Cache-Control` of a host that lets browsers keep files a while (`no-cache` otherwise)
 */
export async function startAppServer(root: string, extraHeaders: Record<string, string> = {}): Promise<AppServer> {
  const headers = { ...readHeaders(root), ...extraHeaders };
  const overrides = new Map<string, Buffer>();
  const sockets = new Set<Socket>();
  const reports: unknown[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/__csp-report') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        reports.push(JSON.parse(body || 'null'));
        res.writeHead(204).end();
      });
      return;
    }
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    let body = overrides.get(path);
    if (!body && file.startsWith(root + sep)) {
      try {
        if (statSync(file).isFile()) body = readFileSync(file);
      } catch {
        // missing: 404 below
      }
    }
    if (!body) return void res.writeHead(404, headers).end();
    res.writeHead(200, { 'Cache-Control': 'no-cache', ...headers, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reports,
    override: (path, body) => void overrides.set(path, Buffer.from(body)),
    close: () =>
      new Promise<void>((ok) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => ok());
      }),
  };
}

/**
 * A tiny static file server for end-to-end tests: serves model files from a directory the way a model host does
 * (CORS, Cross-Origin-Resource-Policy for pages under COEP, byte ranges), and misbehaves on request.
 *
 * Misbehaviour by path prefix, so a spec can put it straight into `?model=`:
 *   /__404/<path>          answers 404
 *   /__cut/<bytes>/<path>  announces the whole file, sends <bytes> bytes, then drops the connection
 *   /__hang/<path>         never answers (until the server closes)
 *   /__delay/<ms>/<path>   answers after <ms> milliseconds
 *   /__nocors/<path>       answers without CORS headers (a host that does not let other sites read its files)
 * or by rule: `server.setRule('/tiny-llama.gguf', { cutAfterBytes: 1000 })`; `cutWholeAfterBytes` cuts only requests
 * for the whole file and serves byte ranges in full (a connection that breaks once, then a resumed download).
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

export interface Misbehaviour {
  status?: number;
  cutAfterBytes?: number;
  /** Like `cutAfterBytes`, for requests without a Range header only. */
  cutWholeAfterBytes?: number;
  hang?: boolean;
  delayMs?: number;
  noCors?: boolean;
  /** GET requests for the whole file (no Range header) wait for this before they are answered. */
  holdWhole?: Promise<void>;
}

export interface ServedRequest {
  method: string;
  path: string;
  range?: string;
  status: number;
}

export interface ModelServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Every request answered (or hung), in order. */
  requests: ServedRequest[];
  setRule(path: string, rule: Misbehaviour): void;
  clearRules(): void;
  close(): Promise<void>;
}

export interface ModelServerOptions {
  /** Directory to serve. */
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag, Content-Type',
  // lets a cross-origin-isolated page (COEP: require-corp) use the files
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Splits the misbehaviour prefix off a path: `/__cut/100/a.gguf` → rule {cutAfterBytes: 100}, path `/a.gguf`. */
function parsePrefix(path: string): { path: string; rule: Misbehaviour } {
  let m = /^\/__404(\/.*)$/.exec(path);
  if (m) return { path: m[1]!, rule: { status: 404 } };
  m = /^\/__cut\/(\d+)(\/.*)$/.exec(path);
  if (m) return { path: m[2]!, rule: { cutAfterBytes: Number(m[1]) } };
  m = /^\/__hang(\/.*)$/.exec(path);
  if (m) return { path: m[1]!, rule: { hang: true } };
  m = /^\/__delay\/(\d+)(\/.*)$/.exec(path);
  if (m) return { path: m[2]!, rule: { delayMs: Number(m[1]) } };
  m = /^\/__nocors(\/.*)$/.exec(path);
  if (m) return { path: m[1]!, rule: { noCors: true } };
  return { path, rule: {} };
}

/** Starts the server; resolves once it listens. */
export async function startModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const root = resolve(options.root);
  const rules = new Map<string, Misbehaviour>();
  const requests: ServedRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const raw = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const { path, rule: prefixRule } = parsePrefix(raw);
    const rule = { ...rules.get(path), ...prefixRule };
    const cors = rule.noCors ? { 'Cross-Origin-Resource-Policy': 'cross-origin' } : CORS_HEADERS;
    const log = (status: number) => requests.push({ method, path: raw, range: req.headers.range, status });

    if (method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return log(204);
    }
    if (rule.hang) return log(0);
    if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
    if (rule.holdWhole && method === 'GET' && !req.headers.range) await rule.holdWhole;
    const file = normalize(join(root, path));
    let size = -1;
    let mtime = 0;
    try {
      const st = statSync(file);
      if (st.isFile() && (file === root || file.startsWith(root + sep))) [size, mtime] = [st.size, st.mtimeMs];
    } catch {
      // missing: answered below
    }
    const status = rule.status ?? (size < 0 ? 404 : 200);
    if (status >= 400 || size < 0) {
      res.writeHead(status, { ...cors, 'Content-Type': 'text/plain; charset=utf-8' }).end(`${status}\n`);
      return log(status);
    }

    let start = 0;
    let end = size - 1;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] || range[2])) {
      start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start > end || start >= size) {
        res.writeHead(416, { ...cors, 'Content-Range': `bytes */${size}` }).end();
        return log(416);
      }
    }
    const partial = !!range && (start > 0 || end < size - 1 || !!range[2]);
    const headers = {
      ...cors,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
      ETag: `"${size.toString(16)}-${Math.floor(mtime).toString(16)}"`,
      'Cache-Control': 'no-cache',
      ...(partial ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    };
    res.writeHead(partial ? 206 : 200, headers);
    log(partial ? 206 : 200);
    if (method === 'HEAD') return void res.end();

    const cut = rule.cutAfterBytes ?? (range ? undefined : rule.cutWholeAfterBytes);
    const stream = createReadStream(file, { start, end: cut === undefined ? end : Math.min(end, start + cut - 1) });
    if (cut === undefined) return void stream.pipe(res);
    // send the first bytes, then drop the connection: the client sees a body shorter than Content-Length
    stream.on('data', (chunk) => res.write(chunk));
    // after a pause, so the client has read what came (a browser's stream drops unread bytes when the connection
    // fails), and with a closing handshake, not a reset, which would throw them away too
    stream.on('end', () => setTimeout(() => req.socket.end(), 1000));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, CORS_HEADERS);
      res.end(String(err));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    setRule: (path, rule) => void rules.set(path, rule),
    clearRules: () => rules.clear(),
    close: () =>
      new Promise<void>((ok) => {
        for (const socket of sockets) socket.destroy(); // hung and keep-alive connections would hold close() open
        server.close(() => ok());
      }),
  };
}

/**
 * Test support: a stand-in `fetch` for the `openai` engine's unit tests, answering each request with the next
 * scripted reply. It covers what a real server cannot be made to do on cue (a dropped connection mid-event, a
 * date in `Retry-After`); the same paths also run against the real test server (`openai.integration.test.ts`).
 */

export type ScriptedReply =
  /** A JSON or text answer with this status. */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** 200 with an SSE stream of these raw chunks; `thenError` makes the stream fail after them (a cut). */
  | { sse: string[]; thenError?: boolean }
  /** `fetch` itself fails (unreachable host, CORS refusal). */
  | { networkError: string }
  /** Never answers until the request is aborted. */
  | { hang: true };

export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

/** SSE `data:` lines for each value (objects become JSON). */
export const sseEvents = (...values: unknown[]) => values.map((v) => `data: ${typeof v === 'string' ? v : JSON.stringify(v)}\n\n`);

/** A stand-in `fetch` that plays `replies` in order and records what it was asked. */
export function standInFetch(replies: ScriptedReply[]) {
  const seen: SeenRequest[] = [];
  const queue = [...replies];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    seen.push({ url: String(input), method: init.method ?? 'GET', headers, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const reply = queue.shift();
    if (!reply) throw new Error('the stand-in fetch has no reply left');
    const signal = init.signal;
    if (signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    if ('networkError' in reply) throw new TypeError(reply.networkError);
    if ('hang' in reply)
      return new Promise((_, fail) =>
        signal?.addEventListener('abort', () => fail(new DOMException('The operation was aborted.', 'AbortError'))),
      );
    if ('status' in reply) {
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      return new Response(text, { status: reply.status, headers: reply.headers });
    }
    const encoder = new TextEncoder();
    const chunks = [...reply.sse];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // like a real response body: aborting the request fails the stream
        signal?.addEventListener('abort', () => controller.error(new DOMException('The operation was aborted.', 'AbortError')));
      },
      pull(controller) {
        const next = chunks.shift();
        if (next !== undefined) controller.enqueue(encoder.encode(next));
        else if (reply.thenError) controller.error(new TypeError('terminated'));
        else controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen, left: () => queue.length };
}

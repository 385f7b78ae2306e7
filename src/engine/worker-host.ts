/**
 * Worker side of the protocol, shared by both engine workers: the checks either worker runs before its library
 * loads a model, and the loop that turns each request into replies.
 */
import { createTokenBatcher, FLUSH_INTERVAL_MS, MAX_FLUSH_INTERVAL_MS } from '../core/tokenBatcher';
import { toEngineError } from './errors';
import { probeHardware } from './hardware';
import { precheckUrls } from './precheck';
import {
  assertNever,
  isWorkerRequest,
  replierFor,
  type PrecheckMessage,
  type ProbeMessage,
  type Replier,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';
import type { GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, ModelEntry } from './types';

/**
 * A worker posts the pieces streamed meanwhile as often as the page shows them (the pace it asks for, else every
 * 100 ms): each post is a task on the page's main thread, and the page hands a post that comes on this schedule
 * straight to the view.
 */
const TOKEN_POST_MS = FLUSH_INTERVAL_MS;
/** The pace the page asked for (`GenerateRequest.streamEveryMs`), within the bounds of any stream. */
const postInterval = (asked: number | undefined) =>
  asked !== undefined && Number.isFinite(asked) ? Math.min(Math.max(asked, TOKEN_POST_MS), MAX_FLUSH_INTERVAL_MS) : TOKEN_POST_MS;

/** What a worker's library does; the worker itself only routes requests to it. */
export interface EngineRuntime {
  load(entry: ModelEntry, files: Blob[] | undefined, report: (p: LoadProgress) => void): Promise<LoadedModelInfo>;
  generate(request: GenerateRequest, onToken: (piece: string) => void, signal: AbortSignal): Promise<GenerateResult>;
  unload(): Promise<void>;
  /** Tokens of each prompt as the loaded model receives it; absent or null when the library cannot count. */
  countTokens?(prompts: readonly string[]): Promise<number[] | null>;
}

/** Probes WebGPU where the engine runs, or checks that the model's files answer. */
async function answerCheck(msg: ProbeMessage | PrecheckMessage, reply: Replier): Promise<void> {
  switch (msg.kind) {
    case 'probe':
      reply.result(await probeHardware());
      return;
    case 'precheck':
      await precheckUrls(msg.urls, msg.timeoutMs);
      reply.result(null);
      return;
    default:
      assertNever(msg);
  }
}

/**
 * Serves an engine worker: every request of the protocol is answered by `runtime` (or the shared checks),
 * concurrently, so a `cancel` gets through while a generation runs. Messages of another protocol go to `other`.
 */
export function serveEngine(runtime: EngineRuntime, other?: (event: MessageEvent) => void): void {
  /** Generations in flight, by request id, so `cancel` can stop them. */
  const running = new Map<number, AbortController>();
  const handle = async (msg: WorkerRequest, reply: Replier): Promise<void> => {
    switch (msg.kind) {
      case 'probe':
      case 'precheck':
        return answerCheck(msg, reply);
      case 'load':
        // a runtime without a tokenizer says so with the model, so the page asks it nothing per document
        reply.result({ ...(await runtime.load(msg.entry, msg.files, reply.progress)), countsTokens: runtime.countTokens !== undefined });
        return;
      case 'generate': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        const pieces = createTokenBatcher(reply.token, postInterval(msg.request.streamEveryMs));
        try {
          const result = await runtime.generate(msg.request, pieces.push, controller.signal);
          pieces.drain();
          reply.result(result);
        } finally {
          pieces.drain();
          running.delete(msg.id);
        }
        return;
      }
      case 'cancel':
        running.get(msg.target)?.abort();
        reply.result(null);
        return;
      case 'unload':
        await runtime.unload();
        reply.result(null);
        return;
      case 'countTokens':
        reply.result((await runtime.countTokens?.(msg.prompts)) ?? null);
        return;
      default:
        assertNever(msg);
    }
  };
  serveRequests(handle, other);
}

/** Routes requests to `handle`; whatever it throws becomes the request's `error` reply. */
function serveRequests(handle: (msg: WorkerRequest, reply: Replier) => Promise<void>, other?: (event: MessageEvent) => void): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const post = (reply: WorkerReply) => scope.postMessage(reply);
  scope.onmessage = (event: MessageEvent<unknown>) => {
    const msg = event.data;
    if (!isWorkerRequest(msg)) {
      other?.(event);
      return;
    }
    const reply = replierFor(msg.id, post);
    handle(msg, reply).catch((err: unknown) => reply.error(toEngineError(err).toJSON()));
  };
}

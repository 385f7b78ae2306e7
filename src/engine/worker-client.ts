/**
 * Client side of the worker protocol: numbers requests, routes `progress` / `token` replies to the caller's
 * callbacks and settles each request's promise on its `result` or `error` reply.
 */
import { EngineError, toEngineError } from './errors';
import {
  CHANNEL,
  assertNever,
  isWorkerReply,
  type RequestBody,
  type RequestKind,
  type ResultMap,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';
import type { LoadProgress } from './types';

export interface CallHandlers {
  onProgress?: (progress: LoadProgress) => void;
  onToken?: (piece: string) => void;
}

interface Pending extends CallHandlers {
  resolve(value: unknown): void;
  reject(error: EngineError): void;
}

/** A call in flight: its id (to cancel it by id) and its outcome. */
export interface Call<K extends RequestKind> {
  id: number;
  promise: Promise<ResultMap[K]>;
}

/** One engine worker's client side. */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private dead: EngineError | null = null;

  /** @param post sends one message to the worker (`worker.postMessage`). */
  constructor(private readonly post: (message: WorkerRequest) => void) {}

  /**
   * Feeds one message from the worker; false for a message that is not ours.
   */
  handle(data: unknown): boolean {
    if (!isWorkerReply(data)) return false;
    this.dispatch(data);
    return true;
  }

  private dispatch(reply: WorkerReply): void {
    const call = this.pending.get(reply.id);
    if (!call) return; // a late reply to a call that was already failed (worker terminated, cancelled load)
    switch (reply.kind) {
      case 'progress':
        call.onProgress?.(reply.progress);
        return;
      case 'token':
        call.onToken?.(reply.piece);
        return;
      case 'result':
        this.pending.delete(reply.id);
        call.resolve(reply.value);
        return;
      case 'error':
        this.pending.delete(reply.id);
        call.reject(toEngineError(reply.error));
        return;
      default:
        assertNever(reply);
    }
  }

  /** Sends a request; `handlers` receive its progress and tokens. */
  call<K extends RequestKind>(kind: K, body: RequestBody<K>, handlers: CallHandlers = {}): Call<K> {
    const id = this.nextId++;
    const promise = new Promise<ResultMap[K]>((resolve, reject) => {
      if (this.dead) {
        reject(this.dead);
        return;
      }
      this.pending.set(id, { ...handlers, resolve: resolve as (value: unknown) => void, reject });
      try {
        this.post({ ...body, kind, channel: CHANNEL, id } as unknown as WorkerRequest);
      } catch (err) {
        // DataCloneError and the like: the request never reached the worker
        this.pending.delete(id);
        reject(toEngineError(err));
      }
    });
    return { id, promise };
  }

  /** Fails every call in flight (and every later one) with `error`; used when the worker dies or is terminated. */
  failAll(error: EngineError): void {
    this.dead = error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

/**
 * Wires a worker to a client: replies go to `client`, and a worker that fails to start or crashes fails every
 * call in flight instead of leaving it hanging.
 */
export function connectWorker(worker: Worker, client: Pick<WorkerClient, 'handle' | 'failAll'>): void {
  worker.onmessage = (event: MessageEvent) => void client.handle(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    client.failAll(new EngineError('unknown', event.message || 'the engine worker stopped'));
  };
  worker.onmessageerror = () => client.failAll(new EngineError('unknown', 'a message from the engine worker could not be read'));
}

/**
 * Settles like `promise`, but rejects with an `aborted` EngineError as soon as `signal` aborts, after running
 * `onAbort` (which typically terminates the worker, the only way to stop a library mid-load).
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(new EngineError('aborted', 'cancelled by the user'));
    };
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** How long an engine may take to free its model before its worker is terminated regardless. */
export const UNLOAD_WAIT_MS = 5_000;

/**
 * Waits for `promise` to settle, for `ms` at most, and never rejects. For a polite goodbye to a worker (freeing GPU
 * memory) that is terminated right after anyway: a worker too broken to answer must not hold up the next load.
 */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  const settled = promise.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

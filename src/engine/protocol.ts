/**
 * The one message protocol between the engine clients and their workers.
 *
 * Requests carry an `id`; the worker answers each with any number of `progress` / `token` replies and then exactly
 * one `result` or `error` reply with the same id. Every message is tagged with `channel` because the WebLLM worker
 * also speaks WebLLM's own protocol, whose messages have a `kind` field too.
 */
import type { SerializedEngineError } from './errors';
import type { HardwareReport } from './hardware';
import type { GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, ModelEntry } from './types';

export const CHANNEL = 'taiyi-engine';

interface Envelope {
  channel: typeof CHANNEL;
  id: number;
}

/** Probe WebGPU where the engine will run (inside the worker). */
export interface ProbeMessage extends Envelope {
  kind: 'probe';
}
/** Check that URLs answer (HTTP 2xx, not an HTML error page) within `timeoutMs`, before a library hangs on them. */
export interface PrecheckMessage extends Envelope {
  kind: 'precheck';
  urls: string[];
  timeoutMs: number;
}
export interface LoadMessage extends Envelope {
  kind: 'load';
  entry: ModelEntry;
  /** The user's own files (Blobs clone cheaply across workers: no bytes are copied). */
  files?: Blob[];
}
export interface GenerateMessage extends Envelope {
  kind: 'generate';
  request: GenerateRequest;
}
/** Stop the request `target` (a generation); it then resolves normally with what it has. */
export interface CancelMessage extends Envelope {
  kind: 'cancel';
  target: number;
}
export interface UnloadMessage extends Envelope {
  kind: 'unload';
}
/** Count the tokens of prompts (one user turn each) with the loaded model's tokenizer. */
export interface CountTokensMessage extends Envelope {
  kind: 'countTokens';
  prompts: string[];
}

/** What both engine workers answer (the WebLLM worker also answers WebLLM's own messages). */
export type WorkerRequest =
  ProbeMessage | PrecheckMessage | LoadMessage | GenerateMessage | CancelMessage | UnloadMessage | CountTokensMessage;
export type RequestKind = WorkerRequest['kind'];

/** The value each kind of request resolves with. */
export interface ResultMap {
  probe: HardwareReport;
  precheck: null;
  load: LoadedModelInfo;
  generate: GenerateResult;
  cancel: null;
  unload: null;
  /** One count per prompt, or null when the engine has no tokenizer to count with. */
  countTokens: number[] | null;
}

export interface ProgressReply extends Envelope {
  kind: 'progress';
  progress: LoadProgress;
}
export interface TokenReply extends Envelope {
  kind: 'token';
  piece: string;
}
export interface ResultReply extends Envelope {
  kind: 'result';
  value: ResultMap[RequestKind];
}
export interface ErrorReply extends Envelope {
  kind: 'error';
  error: SerializedEngineError;
}
export type WorkerReply = ProgressReply | TokenReply | ResultReply | ErrorReply;

/** The fields of a request besides the envelope, as the client passes them. */
export type RequestBody<K extends RequestKind> = Omit<Extract<WorkerRequest, { kind: K }>, 'channel' | 'id' | 'kind'>;

const isTagged = (data: unknown): data is Envelope & { kind: unknown } =>
  !!data && typeof data === 'object' && (data as Envelope).channel === CHANNEL && typeof (data as Envelope).id === 'number';

/** True for a reply of ours (as opposed to WebLLM's messages sharing the worker). */
export function isWorkerReply(data: unknown): data is WorkerReply {
  if (!isTagged(data)) return false;
  return data.kind === 'progress' || data.kind === 'token' || data.kind === 'result' || data.kind === 'error';
}

/** True for a request of ours; the worker hands anything else to the library it hosts. */
export function isWorkerRequest(data: unknown): data is WorkerRequest {
  return isTagged(data) && typeof data.kind === 'string' && !isWorkerReply(data);
}

/** Exhaustiveness check for `switch` statements over the protocol's unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

/** Worker side: the functions a handler uses to answer one request. */
export interface Replier {
  progress(progress: LoadProgress): void;
  token(piece: string): void;
  result<K extends RequestKind>(value: ResultMap[K]): void;
  error(error: SerializedEngineError): void;
}

/** Worker side: builds the `Replier` for request `id`, posting through `post` (the worker's `postMessage`). */
export function replierFor(id: number, post: (reply: WorkerReply) => void): Replier {
  const envelope = { channel: CHANNEL, id } as const;
  return {
    progress: (progress) => post({ ...envelope, kind: 'progress', progress }),
    token: (piece) => post({ ...envelope, kind: 'token', piece }),
    result: (value) => post({ ...envelope, kind: 'result', value }),
    error: (error) => post({ ...envelope, kind: 'error', error }),
  };
}

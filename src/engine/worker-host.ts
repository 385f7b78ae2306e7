/**
 * Worker side of the protocol, shared by both engine workers: the checks either worker runs before its library
 * loads a model, and the loop that turns each request into replies.
 */
import { toEngineError } from './errors';
import { probeHardware } from './hardware';
import { precheckUrls } from './precheck';
import { assertNever, isWorkerRequest, replierFor, type PrecheckMessage, type ProbeMessage, type Replier, type WorkerReply, type WorkerRequest } from './protocol';

/** Probes WebGPU where the engine runs, or checks that the model's files answer. */
export async function answerCheck(msg: ProbeMessage | PrecheckMessage, reply: Replier): Promise<void> {
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
 * Answers this worker's requests with `handle`, concurrently (a `cancel` must get through while a generation runs);
 * whatever `handle` throws becomes the request's `error` reply. Messages of another protocol go to `other`.
 */
export function serveRequests(handle: (msg: WorkerRequest, reply: Replier) => Promise<void>, other?: (event: MessageEvent) => void): void {
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

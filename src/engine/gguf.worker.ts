/**
 * Module worker hosting the GGUF engine. Thin: it decodes requests, hands them to `gguf-runtime` and posts replies.
 * Requests run concurrently where that makes sense (a `cancel` must get through while a generation runs).
 */
import { toEngineError } from './errors';
import { probeHardware } from './hardware';
import { precheckUrls } from './precheck';
import { assertNever, isWorkerRequest, replierFor, type GgufWorkerRequest, type Replier, type WorkerReply } from './protocol';
import { generateGguf, loadGguf, resetGguf, unloadGguf } from './gguf-runtime';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: WorkerReply) => scope.postMessage(reply);
/** Generations in flight, by request id, so `cancel` can stop them. */
const running = new Map<number, AbortController>();

async function handle(msg: GgufWorkerRequest, reply: Replier): Promise<void> {
  switch (msg.kind) {
    case 'probe':
      reply.result(await probeHardware());
      return;
    case 'precheck':
      await precheckUrls(msg.urls, msg.timeoutMs);
      reply.result(null);
      return;
    case 'load':
      reply.result(await loadGguf(msg.entry, msg.files, reply.progress));
      return;
    case 'generate': {
      const controller = new AbortController();
      running.set(msg.id, controller);
      try {
        reply.result(await generateGguf(msg.request, reply.token, controller.signal));
      } finally {
        running.delete(msg.id);
      }
      return;
    }
    case 'cancel':
      running.get(msg.target)?.abort();
      reply.result(null);
      return;
    case 'reset':
      resetGguf();
      reply.result(null);
      return;
    case 'unload':
      await unloadGguf();
      reply.result(null);
      return;
    default:
      assertNever(msg);
  }
}

scope.onmessage = (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isWorkerRequest(msg)) return;
  const reply = replierFor(msg.id, post);
  handle(msg as GgufWorkerRequest, reply).catch((err: unknown) => reply.error(toEngineError(err).toJSON()));
};

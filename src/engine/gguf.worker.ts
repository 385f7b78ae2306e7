/**
 * Module worker hosting the GGUF engine. Thin: it decodes requests, hands them to `gguf-runtime` and posts replies.
 */
import { assertNever, type GgufWorkerRequest, type Replier } from './protocol';
import { generateGguf, loadGguf, unloadGguf } from './gguf-runtime';
import { answerCheck, serveRequests } from './worker-host';

/** Generations in flight, by request id, so `cancel` can stop them. */
const running = new Map<number, AbortController>();

async function handle(msg: GgufWorkerRequest, reply: Replier): Promise<void> {
  switch (msg.kind) {
    case 'probe':
    case 'precheck':
      return answerCheck(msg, reply);
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
    case 'unload':
      await unloadGguf();
      reply.result(null);
      return;
    default:
      assertNever(msg);
  }
}

serveRequests(handle);

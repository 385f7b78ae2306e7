/**
 * Module worker hosting WebLLM. WebLLM's own handler answers WebLLM's messages (load, chat completions,
 * interrupt); our protocol adds what must happen before WebLLM is asked to load: the WebGPU probe, where the GPU
 * will actually be used, and the reachability check of the model's files.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { toEngineError } from './errors';
import { probeHardware } from './hardware';
import { precheckUrls } from './precheck';
import { assertNever, isWorkerRequest, replierFor, type Replier, type WebLLMWorkerRequest, type WorkerReply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: WorkerReply) => scope.postMessage(reply);
const handler = new WebWorkerMLCEngineHandler();

async function handle(msg: WebLLMWorkerRequest, reply: Replier): Promise<void> {
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

scope.onmessage = (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (isWorkerRequest(msg)) {
    const reply = replierFor(msg.id, post);
    if (msg.kind === 'probe' || msg.kind === 'precheck') {
      handle(msg, reply).catch((err: unknown) => reply.error(toEngineError(err).toJSON()));
    } else {
      reply.error({ code: 'unknown', detail: `the WebLLM worker does not handle "${msg.kind}"` });
    }
    return;
  }
  handler.onmessage(event);
};

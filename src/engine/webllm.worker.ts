/**
 * Module worker hosting WebLLM. WebLLM's own handler answers WebLLM's messages (load, chat completions,
 * interrupt); our protocol adds what must happen before WebLLM is asked to load: the WebGPU probe, where the GPU
 * will actually be used, and the reachability check of the model's files.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { answerCheck, serveRequests } from './worker-host';

const handler = new WebWorkerMLCEngineHandler();

serveRequests(
  async (msg, reply) => {
    if (msg.kind === 'probe' || msg.kind === 'precheck') return answerCheck(msg, reply);
    reply.error({ code: 'unknown', detail: `the WebLLM worker does not handle "${msg.kind}"` });
  },
  (event) => handler.onmessage(event),
);

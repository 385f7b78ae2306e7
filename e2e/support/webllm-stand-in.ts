/**
 * Test support only: a stand-in for the WebLLM engine worker, where no real GPU can run here. It speaks the page's
 * worker protocol (src/engine/protocol.ts) and answers as the real worker would on a machine with a GPU: a probe
 * that finds an adapter, files that answer, a model that loads; then the generation streams a few pieces and fails
 * the way a real device loss does once the worker has classified WebLLM's "DeviceLostError: …".
 */
import type { Page } from '@playwright/test';
import { CHANNEL } from '../../src/engine/protocol';

export interface StandInFailure {
  /** Streamed before the failure. */
  partial: string;
  error: { code: string; detail: string };
}

/** The worker's source: the function below, called with its settings (it runs in the worker, not here). */
function standInSource(failure: StandInFailure): string {
  const worker = (channel: string, fail: StandInFailure) => {
    const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
    const reply = (id: number, kind: string, body: Record<string, unknown>) => scope.postMessage({ channel, id, kind, ...body });
    const adapter = {
      vendor: 'stand-in',
      architecture: '',
      device: '',
      description: 'test stand-in adapter',
      isFallbackAdapter: false,
      features: [],
      maxStorageBufferBindingSize: 2 ** 30,
      maxBufferSize: 2 ** 30,
    };
    const report = {
      webgpu: true,
      api: true,
      adapter,
      shaderF16: false,
      crossOriginIsolated: false,
      hardwareConcurrency: 2,
      deviceMemoryGB: null,
    };
    scope.onmessage = (event) => {
      const m = event.data as { channel?: string; id: number; kind: string; entry?: { id: string; context_window_size: number } };
      if (m?.channel !== channel) return;
      if (m.kind === 'probe') reply(m.id, 'result', { value: report });
      else if (m.kind === 'load')
        reply(m.id, 'result', { value: { id: m.entry!.id, engine: 'webllm', contextWindow: m.entry!.context_window_size } });
      else if (m.kind === 'generate') {
        reply(m.id, 'token', { piece: fail.partial });
        setTimeout(() => reply(m.id, 'error', { error: fail.error }), 200);
      } else reply(m.id, 'result', { value: null }); // precheck, cancel, unload
    };
  };
  return `(${worker.toString()})(${JSON.stringify(CHANNEL)}, ${JSON.stringify(failure)});`;
}

/** Serves the stand-in in place of the built WebLLM worker for this page. */
export async function useWebllmStandIn(page: Page, failure: StandInFailure): Promise<void> {
  await page.route('**/assets/webllm.worker-*.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      // the page is cross-origin isolated: its workers must be too
      headers: { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' },
      body: standInSource(failure),
    }),
  );
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../engine/errors';
import type { GenerateResult, LoadedModelInfo, LoadProgress, ModelEntry } from '../engine/types';

/** An engine whose loads and runs finish when the test says so. */
const fake = vi.hoisted(() => ({
  loads: [] as {
    onProgress: (p: LoadProgress) => void;
    signal?: AbortSignal;
    resolve: (info: unknown) => void;
    reject: (err: unknown) => void;
  }[],
  runs: [] as { resolve: (result: unknown) => void; reject: (err: unknown) => void; signal: AbortSignal }[],
  unloads: 0,
  keeps: [] as { id: string; resolve: (problem: null) => void }[],
  removedKept: [] as string[],
}));

vi.mock('../engine', async () => ({
  entryFromFiles: (await import('../engine/user-models')).entryFromFiles,
  loadModel: (_request: unknown, onProgress: (p: LoadProgress) => void, signal?: AbortSignal) =>
    new Promise((resolve, reject) => fake.loads.push({ onProgress, signal, resolve, reject })),
  generate: (_request: unknown, _onText: unknown, signal: AbortSignal) =>
    new Promise((resolve, reject) => fake.runs.push({ resolve, reject, signal })),
  unloadModel: async () => {
    fake.unloads++;
  },
}));
vi.mock('../engine/opfs', () => ({
  listKept: async () => [],
  removeKept: async (id: string) => void fake.removedKept.push(id),
}));
vi.mock('./storage', () => ({
  keepLocalModel: (e: ModelEntry) => new Promise((resolve) => fake.keeps.push({ id: e.id, resolve })),
}));

const { addLocalModel, addressProblem, cancelLoad, dismissError, generate, loadSelected, releaseHold, unload } =
  await import('./modelActions');
const { useModel } = await import('./model');
const { samplingParams } = await import('./settings');

const entry: ModelEntry = {
  id: 'm',
  label: 'M',
  engine: 'gguf',
  url: 'https://host/m.gguf',
  quantization: 'Q4_K_M',
  context_window_size: 2048,
  prompt_format: 'native',
  languages: ['en'],
};
const info: LoadedModelInfo = { id: 'm', engine: 'gguf', contextWindow: 2048 };
const result: GenerateResult = {
  text: 'x',
  finishReason: 'stop',
  usage: { promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 1, prefillTokensPerSec: 1, decodeTokensPerSec: 1, totalMs: 1 },
};
const status = () => useModel.getState().status;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  fake.loads.length = 0;
  fake.runs.length = 0;
  fake.unloads = 0;
  fake.keeps.length = 0;
  fake.removedKept.length = 0;
  useModel.setState({ status: 'idle', entries: [entry], selectedId: 'm', loaded: null, progress: null, error: null });
});

async function loadReady() {
  const loading = loadSelected();
  fake.loads[0]!.resolve(info);
  await loading;
  expect(status()).toBe('ready');
}

describe('loading', () => {
  it('reports checking, then loading once files arrive, then ready', async () => {
    const loading = loadSelected();
    expect(status()).toBe('checking');
    fake.loads[0]!.onProgress({ fraction: 0, phase: 'checking' });
    expect(status()).toBe('checking');
    fake.loads[0]!.onProgress({ fraction: 0.5, phase: 'download', loadedBytes: 5, totalBytes: 10 });
    expect(status()).toBe('loading');
    expect(useModel.getState().progress).toMatchObject({ fraction: 0.5, loadedBytes: 5 });
    fake.loads[0]!.resolve(info);
    await loading;
    expect(useModel.getState()).toMatchObject({ status: 'ready', loaded: info, progress: null });
  });

  it('stays idle after a cancel, whenever the cancelled load gives up', async () => {
    const loading = loadSelected();
    cancelLoad();
    expect(fake.loads[0]!.signal?.aborted).toBe(true);
    expect(status()).toBe('idle');
    fake.loads[0]!.reject(new EngineError('aborted', 'cancelled'));
    await loading;
    expect(useModel.getState()).toMatchObject({ status: 'idle', progress: null, error: null });
  });

  it('shows a failed load as a typed error', async () => {
    const loading = loadSelected();
    fake.loads[0]!.reject(new EngineError('network', 'https://host/m.gguf: HTTP 404'));
    await loading;
    expect(useModel.getState()).toMatchObject({ status: 'error', error: { code: 'network' }, progress: null });
    dismissError();
    expect(useModel.getState()).toMatchObject({ status: 'idle', error: null });
  });

  it('a picked file is ready only once its copy for the next visit is kept, and a bad file is not kept', async () => {
    const file = new File([new Uint8Array(8)], 'own.gguf');
    const own = addLocalModel([file]);
    const loading = loadSelected();
    await settled(); // the storage manager's code loads on first use
    expect(fake.keeps.map((k) => k.id)).toEqual([own.id]); // copied while it loads
    fake.loads[0]!.resolve({ ...info, id: own.id });
    await settled();
    expect(status()).not.toBe('ready'); // a reload now would cut the copy off
    fake.keeps[0]!.resolve(null);
    await loading;
    expect(status()).toBe('ready');

    const failing = loadSelected();
    await settled();
    fake.loads[1]!.reject(new EngineError('bad-model-file', 'not GGUF'));
    fake.keeps[1]!.resolve(null);
    await failing;
    await settled();
    expect(fake.removedKept).toEqual([own.id]);
  });

  it("makes the loaded model's sampling defaults the run's defaults", async () => {
    useModel.setState({ entries: [{ ...entry, defaults: { temperature: 0.7, max_tokens: 64 } }] });
    await loadReady();
    expect(samplingParams()).toEqual({ temperature: 0.7, top_p: 0.9, max_tokens: 64, greedy: false });
  });
});

describe('generating', () => {
  it('a run that ends after an unload does not bring the status back', async () => {
    await loadReady();
    const run = generate([{ role: 'user', content: 'hi' }], () => undefined);
    expect(status()).toBe('generating');
    await unload();
    expect(status()).toBe('idle');
    fake.runs[0]!.resolve(result);
    await run;
    expect(status()).toBe('idle');
  });

  it('a lost device leaves the error shown and frees what is left of the model', async () => {
    await loadReady();
    const run = generate([{ role: 'user', content: 'hi' }], () => undefined);
    fake.runs[0]!.reject(new EngineError('device-lost', 'DeviceLostError'));
    expect(await run).toMatchObject({ ok: false, error: { code: 'device-lost' } });
    expect(useModel.getState()).toMatchObject({ status: 'error', error: { code: 'device-lost' }, loaded: null });
    await settled();
    expect(fake.unloads).toBe(1);
  });

  it('any other run error keeps the model ready, and dismissing it leaves a later run alone', async () => {
    await loadReady();
    const first = generate([{ role: 'user', content: 'hi' }], () => undefined);
    fake.runs[0]!.reject(new EngineError('context-overflow', 'too long'));
    expect(await first).toMatchObject({ ok: false, error: { code: 'context-overflow' } });
    expect(useModel.getState()).toMatchObject({ status: 'ready', error: { code: 'context-overflow' } });
    const second = generate([{ role: 'user', content: 'hi' }], () => undefined);
    dismissError();
    expect(status()).toBe('generating');
    fake.runs[1]!.resolve(result);
    expect(await second).toEqual({ ok: true, result });
    expect(status()).toBe('ready');
  });
});

describe('generations at once', () => {
  it('a local engine runs one at a time; a server engine overlaps them and is ready once the last ends', async () => {
    await loadReady();
    const first = generate([{ role: 'user', content: 'a' }], () => undefined);
    expect(await generate([{ role: 'user', content: 'b' }], () => undefined)).toEqual({ ok: false, error: { code: 'not-loaded' } });
    fake.runs[0]!.resolve(result);
    await first;

    useModel.setState({ loaded: { ...info, engine: 'openai', concurrent: true } });
    const runs = ['a', 'b', 'c'].map((content) => generate([{ role: 'user', content }], () => undefined));
    expect(fake.runs).toHaveLength(4);
    fake.runs[2]!.resolve({ ...result, text: 'b' });
    expect(await runs[1]).toMatchObject({ ok: true, result: { text: 'b' } });
    expect(status()).toBe('generating');
    fake.runs[1]!.resolve({ ...result, text: 'a' });
    fake.runs[3]!.reject(new EngineError('context-overflow', 'too long'));
    expect(await runs[0]).toMatchObject({ ok: true, result: { text: 'a' } });
    expect(await runs[2]).toMatchObject({ ok: false, error: { code: 'context-overflow' } });
    expect(status()).toBe('ready');
  });
});

describe('stopping', () => {
  it("a run's signal stops that generation only; an unload stops them all", async () => {
    await loadReady();
    useModel.setState({ loaded: { ...info, engine: 'openai', concurrent: true } });
    const [tab, job] = [new AbortController(), new AbortController()];
    const runs = [tab, job].map((c) => generate([{ role: 'user', content: 'a' }], () => undefined, { signal: c.signal }));
    tab.abort();
    expect(fake.runs.map((r) => r.signal.aborted)).toEqual([true, false]);
    fake.runs[0]!.resolve({ ...result, finishReason: 'aborted' });
    await runs[0];
    expect(status()).toBe('generating');
    // already stopped when asked: the engine gets a stopped signal
    void generate([{ role: 'user', content: 'b' }], () => undefined, { signal: tab.signal });
    expect(fake.runs[2]!.signal.aborted).toBe(true);
    await unload();
    expect(fake.runs[1]!.signal.aborted).toBe(true);
  });
});

describe('held generations (a job)', () => {
  it('stay generating between documents, let the next one start, refuse a second at once, and are ready on release', async () => {
    await loadReady();
    const first = generate([{ role: 'user', content: 'a' }], () => undefined, { held: true });
    fake.runs[0]!.resolve(result);
    expect(await first).toMatchObject({ ok: true });
    // no flip to ready and back between two documents
    expect(status()).toBe('generating');
    const second = generate([{ role: 'user', content: 'b' }], () => undefined, { held: true });
    expect(fake.runs).toHaveLength(2);
    // a local engine still runs one at a time
    expect(await generate([{ role: 'user', content: 'c' }], () => undefined)).toEqual({ ok: false, error: { code: 'not-loaded' } });
    // releasing while a run is in flight leaves it generating
    releaseHold();
    expect(status()).toBe('generating');
    fake.runs[1]!.resolve(result);
    await second;
    releaseHold();
    expect(status()).toBe('ready');
  });
});

describe('a run beside a held job (a model server)', () => {
  it('leaves the status generating when it ends between two of the job’s documents, until the job releases it', async () => {
    await loadReady();
    useModel.setState({ loaded: { ...info, engine: 'openai', concurrent: true } });
    const doc = generate([{ role: 'user', content: 'doc 1' }], () => undefined, { held: true });
    const tab = generate([{ role: 'user', content: 'tab' }], () => undefined);
    fake.runs[0]!.resolve(result);
    await doc;
    fake.runs[1]!.resolve(result);
    await tab;
    expect(status()).toBe('generating');
    // a failed run beside the job leaves it too
    const failing = generate([{ role: 'user', content: 'tab again' }], () => undefined);
    fake.runs[2]!.reject(new EngineError('unknown', 'the server said no'));
    expect(await failing).toMatchObject({ ok: false });
    expect(status()).toBe('generating');
    releaseHold();
    expect(status()).toBe('ready');
    // once released, a run on its own ends ready
    const alone = generate([{ role: 'user', content: 'alone' }], () => undefined);
    fake.runs[3]!.resolve(result);
    await alone;
    expect(status()).toBe('ready');
  });
});

describe('model addresses the page cannot fetch', () => {
  it('names plain HTTP on an HTTPS page before any request, but lets a model server on this machine through', () => {
    const page = new URL('https://taiyi.example/app/');
    expect(addressProblem('http://models.example.org/m.gguf', page)).toMatchObject({
      code: 'mixed-content',
      params: { url: 'http://models.example.org/m.gguf', https: 'https://models.example.org/m.gguf' },
    });
    expect(addressProblem('http://127.0.0.1:8080/m.gguf', page)).toBeNull();
    expect(addressProblem('http://localhost/m.gguf', page)).toBeNull();
    expect(addressProblem('https://models.example.org/m.gguf', page)).toBeNull();
    expect(addressProblem('http://models.example.org/m.gguf', new URL('http://taiyi.example/'))).toBeNull();
  });
});

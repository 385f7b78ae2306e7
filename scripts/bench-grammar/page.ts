/**
 * The page of `npm run bench:grammar`: the app's own GGUF engine (its worker, wllama, llama.cpp in WebAssembly),
 * driven from the bench script through `window.grammarBench`.
 */
import type { TaskGrammar } from '../../src/core/grammar';
import { createGgufEngine } from '../../src/engine/gguf';
import type { GrammarOutcome, ModelEntry } from '../../src/engine/types';

export interface BenchAnswer {
  text: string;
  completionTokens: number;
  decodeTokensPerSec: number;
  finishReason: string;
  grammar?: GrammarOutcome;
  grammarError?: string;
}

const engine = createGgufEngine();

const grammarBench = {
  /** Loads a GGUF from `url` as a Taiyi-format model (both bench models answer in that wire format). */
  async load(url: string, context: number): Promise<void> {
    const blob = await (await fetch(url)).blob();
    const name = url.split('/').pop() ?? 'model.gguf';
    const entry: ModelEntry = {
      id: name,
      label: name,
      engine: 'gguf',
      url: `local:${name}`,
      quantization: 'f32',
      context_window_size: context,
      prompt_format: 'taiyi',
      languages: ['en', 'zh'],
    };
    await engine.load({ entry, files: [new File([blob], name)] }, () => undefined);
  },
  /** One greedy answer to `prompt`, constrained to `grammar` when given. */
  async run(prompt: string, grammar: TaskGrammar | null, maxTokens: number): Promise<BenchAnswer> {
    const params = { temperature: 0, top_p: 1, max_tokens: maxTokens, greedy: true };
    const result = await engine.generate(
      { turns: [{ role: 'user', content: prompt }], params, ...(grammar ? { grammar } : {}) },
      () => undefined,
    );
    return {
      text: result.text,
      completionTokens: result.usage.completionTokens,
      decodeTokensPerSec: result.usage.decodeTokensPerSec,
      finishReason: result.finishReason,
      grammar: result.grammar,
      grammarError: result.grammarError,
    };
  },
  unload: () => engine.unload(),
};

declare global {
  interface Window {
    grammarBench: typeof grammarBench;
  }
}
window.grammarBench = grammarBench;

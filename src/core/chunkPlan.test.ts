import { describe, expect, it } from 'vitest';
import { chunkForPrompt, estimateTokens } from './chunk.ts';
import { planChunks, type TokenCounter } from './chunkPlan.ts';
import { buildNerPrompt } from './tasks/ner.ts';

/**
 * A test double of a model's tokenizer: `perChar` tokens per character of the prompt, plus two for the wire
 * format's separators. It also records every prompt it was asked about.
 */
function fakeTokenizer(perChar: number) {
  const asked: string[] = [];
  const tokens = (prompt: string) => Math.ceil(prompt.length * perChar) + 2;
  const count: TokenCounter = async (prompts) => {
    asked.push(...prompts);
    return prompts.map(tokens);
  };
  return { count, tokens, asked };
}

const sentence = (i: number) => `Patient ${i} received aspirin 100 mg and developed gastric bleeding after ${i % 7} days. `;
const document = Array.from({ length: 400 }, (_, i) => sentence(i)).join('');
const build = (text: string) => buildNerPrompt(text, { types: ['Chemical', 'Disease'] }, 'en');
const context = 1024;
const answer = 256;

function expectCover(text: string, chunks: { text: string; start: number; end: number }[]) {
  expect(chunks.map((c) => c.text).join('')).toBe(text);
  for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
}

describe('planChunks', () => {
  it("fits every prompt by the model's own count when its tokenizer counts far more than the estimate", async () => {
    const tokenizer = fakeTokenizer(0.6); // ≈ 2.4 tokens per estimated one on this text
    const plan = await planChunks(document, build, { contextTokens: context, answerTokens: answer, count: tokenizer.count });
    expect(plan.counted).toBe(true);
    expectCover(document, plan.chunks);
    for (const c of plan.chunks) expect(tokenizer.tokens(build(c.text))).toBeLessThanOrEqual(context - answer);
    // the estimate alone would overflow this model's context
    const estimated = chunkForPrompt(document, build, context, answer);
    expect(estimated.some((c) => tokenizer.tokens(build(c.text)) > context - answer)).toBe(true);
    // and the plan does not waste the context: its parts are not much more than the text needs
    const textTokens = tokenizer.tokens(document) - 2;
    const room = context - answer - tokenizer.tokens(build(''));
    expect(plan.chunks.length).toBeLessThanOrEqual(Math.ceil((textTokens / room) * 1.3) + 1);
  });

  it('makes fewer, larger parts than the estimate when the tokenizer counts fewer tokens', async () => {
    const tokenizer = fakeTokenizer(0.12);
    const plan = await planChunks(document, build, { contextTokens: context, answerTokens: answer, count: tokenizer.count });
    const estimated = chunkForPrompt(document, build, context, answer);
    expect(plan.chunks.length).toBeLessThan(estimated.length);
    expectCover(document, plan.chunks);
    for (const c of plan.chunks) expect(tokenizer.tokens(build(c.text))).toBeLessThanOrEqual(context - answer);
  });

  it('cuts a part again when it still overflows, down to pieces of a long sentence', async () => {
    // one sentence with no full stop, far longer than the context
    const long = 'aspirin '.repeat(3000);
    const tokenizer = fakeTokenizer(0.5);
    const plan = await planChunks(long, build, { contextTokens: context, answerTokens: answer, count: tokenizer.count });
    expectCover(long, plan.chunks);
    expect(plan.chunks.length).toBeGreaterThan(1);
    for (const c of plan.chunks) expect(tokenizer.tokens(build(c.text))).toBeLessThanOrEqual(context - answer);
  });

  it('falls back to the estimate when the engine cannot count', async () => {
    const cannot: TokenCounter = async () => null;
    for (const count of [cannot, null, undefined]) {
      const plan = await planChunks(document, build, { contextTokens: context, answerTokens: answer, count });
      expect(plan.counted).toBe(false);
      expect(plan.chunks).toEqual(chunkForPrompt(document, build, context, answer));
    }
  });

  it('counts whole prompts, wording included, not the bare text', async () => {
    const tokenizer = fakeTokenizer(0.3);
    await planChunks(document, build, { contextTokens: context, answerTokens: answer, count: tokenizer.count });
    expect(tokenizer.asked).toContain(build(''));
    expect(tokenizer.asked.every((p) => p.startsWith(build('').slice(0, 20)))).toBe(true);
  });

  it('plans a text that fits one prompt with a single request to the tokenizer', async () => {
    let requests = 0;
    const tokenizer = fakeTokenizer(0.3);
    const count: TokenCounter = (prompts) => (requests++, tokenizer.count(prompts));
    const short = sentence(1);
    const plan = await planChunks(short, build, { contextTokens: context, answerTokens: answer, count });
    expect(plan).toEqual({ chunks: [{ text: short, start: 0, end: short.length }], counted: true });
    expect(requests).toBe(1);
  });

  it('gives the thread back while it works', async () => {
    let pauses = 0;
    const pause = async () => void pauses++;
    const tokenizer = fakeTokenizer(0.3);
    await planChunks(document, build, { contextTokens: context, answerTokens: answer, count: tokenizer.count, pause });
    expect(pauses).toBeGreaterThan(0);
    expect(estimateTokens(document)).toBeGreaterThan(context); // a document that needs a plan at all
  });
});

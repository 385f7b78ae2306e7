/**
 * Taiyi's wire format through WebLLM's own conversation code. WebLLM 0.2.86 does not export `Conversation`, so
 * the test lifts the classes out of the installed `lib/index.js` verbatim and runs them: what is tested is exactly
 * the code the worker runs, not a re-implementation. If a WebLLM upgrade moves that code, the markers below fail
 * loudly and must be updated.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taiyiPrompt } from './gguf-prompt';
import type { ChatTurn } from './types';

type Conv = {
  appendMessage(role: string, message: string): void;
  appendReplyHeader(role: string): void;
  finishReply(message: string): void;
  getPromptArray(): string[];
  getPromptArrayLastRound(): string[];
};
interface WebLLMConversation {
  getConversation(template: unknown, config?: unknown): Conv;
  getConversationFromChatCompletionRequest(request: { messages: ChatTurn[] }, config: unknown): Conv;
  compareConversationObject(a: Conv, b: Conv): boolean;
}

function sliceBetween(source: string, start: string, end: string): string {
  const from = source.indexOf(start);
  const to = source.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`web-llm's lib/index.js no longer contains "${start}" … "${end}"`);
  return source.slice(from, to);
}

function loadWebLLMConversation(): WebLLMConversation {
  const lib = createRequire(import.meta.url).resolve('@mlc-ai/web-llm');
  const source = readFileSync(lib, 'utf8');
  // error classes, Role and MessagePlaceholders, then Conversation and the functions the engine builds it with
  const errorsAndEnums = sliceBetween(
    source,
    'class ModelNotFoundError extends Error {',
    'function postInitAndCheckGenerationConfigValues',
  );
  const conversation = sliceBetween(source, 'class Conversation {', 'function audioError(');
  const exports = 'return { getConversation, getConversationFromChatCompletionRequest, compareConversationObject };';
  return new Function(`${errorsAndEnums}\n${conversation}\n${exports}`)() as WebLLMConversation;
}

const webllm = loadWebLLMConversation();
const registry = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/models.json'), 'utf8')) as {
  models: Array<{ id: string; engine: string; prompt_format: string; overrides?: { conv_template?: unknown } }>;
};
const taiyiWebLLM = registry.models.filter((m) => m.engine === 'webllm' && m.prompt_format === 'taiyi');
const WIRE = '<|endoftext|>u1<|endoftext|>a1<|endoftext|>u2<|endoftext|>';

/** What the pipeline prefills for a fresh conversation: history from the request, then the last user message. */
function freshPrompt(template: unknown, messages: ChatTurn[]): string {
  const config = { conv_template: template };
  const conv = webllm.getConversationFromChatCompletionRequest({ messages }, config);
  conv.appendMessage('user', messages.at(-1)!.content);
  conv.appendReplyHeader('assistant');
  return conv.getPromptArray().join('');
}

/**
 * What ends up in the KV cache on WebLLM's reuse path: the first round's prompt, the generated answer (its stop
 * token is never fed back), then only the last round of the second request.
 */
function reusedPrompt(template: unknown): string {
  const config = { conv_template: template };
  const first = webllm.getConversationFromChatCompletionRequest({ messages: [{ role: 'user', content: 'u1' }] }, config);
  first.appendMessage('user', 'u1');
  first.appendReplyHeader('assistant');
  const round1 = first.getPromptArray().join('');
  first.finishReply('a1');
  const second: ChatTurn[] = [
    { role: 'user', content: 'u1' },
    { role: 'assistant', content: 'a1' },
    { role: 'user', content: 'u2' },
  ];
  const incoming = webllm.getConversationFromChatCompletionRequest({ messages: second }, config);
  expect(webllm.compareConversationObject(first, incoming)).toBe(true); // the engine takes the reuse path
  first.appendMessage('user', 'u2');
  first.appendReplyHeader('assistant');
  return round1 + 'a1' + first.getPromptArrayLastRound().join('');
}

const TWO_TURNS: ChatTurn[] = [
  { role: 'user', content: 'u1' },
  { role: 'assistant', content: 'a1' },
  { role: 'user', content: 'u2' },
];

describe('Taiyi conversation template (WebLLM)', () => {
  it('is shipped on every Taiyi WebLLM entry of models.json', () => {
    expect(taiyiWebLLM.length).toBeGreaterThanOrEqual(2);
    for (const entry of taiyiWebLLM) expect(entry.overrides?.conv_template, entry.id).toBeTruthy();
  });

  for (const entry of taiyiWebLLM) {
    it(`${entry.id}: renders two turns as ${WIRE} on a fresh conversation`, () => {
      expect(freshPrompt(entry.overrides!.conv_template, TWO_TURNS)).toBe(WIRE);
    });

    it(`${entry.id}: puts the same tokens in the KV cache on the reuse path`, () => {
      expect(reusedPrompt(entry.overrides!.conv_template)).toBe(WIRE);
    });
  }

  it('would catch the obvious template that loses a separator on the reuse path', () => {
    const obvious = {
      ...(taiyiWebLLM[0]!.overrides!.conv_template as object),
      role_templates: undefined,
      roles: { user: '<|endoftext|>', assistant: '<|endoftext|>', tool: '' },
      seps: ['<|endoftext|>'],
    };
    expect(reusedPrompt(obvious)).not.toBe(WIRE);
  });

  it('matches what the GGUF engine sends for the same turns', () => {
    expect(taiyiPrompt(TWO_TURNS)).toBe(WIRE);
    expect(freshPrompt(taiyiWebLLM[0]!.overrides!.conv_template, TWO_TURNS)).toBe(taiyiPrompt(TWO_TURNS));
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPrompt, taiyiPrompt, verifyFileIntegrity } from './gguf-prompt';
import type { ChatTurn } from './types';

const TURNS: ChatTurn[] = [
  { role: 'user', content: 'u1' },
  { role: 'assistant', content: 'a1' },
  { role: 'user', content: 'u2' },
];

describe('GGUF prompts', () => {
  it('sends Taiyi turns as a raw completion that stops at <|endoftext|>', () => {
    expect(buildPrompt('taiyi', TURNS, true)).toEqual({
      kind: 'text',
      text: '<|endoftext|>u1<|endoftext|>a1<|endoftext|>u2<|endoftext|>',
      stop: ['<|endoftext|>'],
    });
    expect(taiyiPrompt([{ role: 'user', content: '你好' }])).toBe('<|endoftext|>你好<|endoftext|>');
  });

  it('uses the chat template when the model has one, plain completion otherwise', () => {
    expect(buildPrompt('native', TURNS, true)).toEqual({ kind: 'chat', messages: TURNS });
    expect(buildPrompt('native', [{ role: 'user', content: 'Once upon a time' }], false)).toEqual({
      kind: 'text',
      text: 'Once upon a time',
    });
  });
});

describe('verifyFileIntegrity', () => {
  const bytes = new TextEncoder().encode('GGUF and some weights');
  const sri = `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

  it('accepts the matching hash', async () => {
    await expect(verifyFileIntegrity(new Blob([bytes]), sri, 'm.gguf')).resolves.toBeUndefined();
  });

  it('rejects a different file with an integrity error', async () => {
    await expect(verifyFileIntegrity(new Blob([bytes, 'x']), sri, 'm.gguf')).rejects.toMatchObject({ code: 'integrity' });
  });
});

/**
 * What the GGUF engine sends to llama.cpp for each prompt format, and the integrity check of a whole GGUF file.
 * Pure functions: the unit tests run them in Node.
 */
import { EngineError } from './errors';
import { sriOf } from './integrity';
import type { ChatTurn, PromptFormat } from './types';

/** Taiyi 1's separator and stop token (`<|endoftext|>`, id 151643 in its Qwen vocabulary). */
export const TAIYI_SEPARATOR = '<|endoftext|>';

export type GgufPrompt = { kind: 'chat'; messages: ChatTurn[] } | { kind: 'text'; text: string; stop?: string[] };

/**
 * Taiyi 1's wire format: `<|endoftext|>u1<|endoftext|>a1<|endoftext|>u2<|endoftext|>`, exactly what WebLLM renders
 * with the Taiyi conversation template, so both engines put the same tokens on the wire. llama.cpp parses the
 * special tokens in a raw prompt, so each `<|endoftext|>` becomes the single token 151643.
 */
export function taiyiPrompt(turns: readonly ChatTurn[]): string {
  return turns.map((t) => (t.role === 'user' ? `${TAIYI_SEPARATOR}${t.content}${TAIYI_SEPARATOR}` : t.content)).join('');
}

/**
 * The prompt for a run: Taiyi's raw format (stopping at `<|endoftext|>`); the model's own chat template when the GGUF
 * carries one; otherwise plain completion of the text (a base model continues what it is given).
 */
export function buildPrompt(format: PromptFormat, turns: readonly ChatTurn[], hasChatTemplate: boolean): GgufPrompt {
  if (format === 'taiyi') return { kind: 'text', text: taiyiPrompt(turns), stop: [TAIYI_SEPARATOR] };
  if (hasChatTemplate) return { kind: 'chat', messages: turns.map((t) => ({ role: t.role, content: t.content })) };
  return { kind: 'text', text: turns.map((t) => t.content).join('\n') };
}

/** What a model's own chat template adds around one user turn, at most, for the formats counted without it. */
export const CHAT_TEMPLATE_ALLOWANCE = 32;

/**
 * The text a tokenizer counts for a one-turn prompt, and the tokens to add for what it does not see: Taiyi's wire
 * format is exact; a native chat template's markers are allowed for.
 */
export function countedPrompt(format: PromptFormat, prompt: string): { text: string; extra: number } {
  return format === 'taiyi'
    ? { text: taiyiPrompt([{ role: 'user', content: prompt }]), extra: 0 }
    : { text: prompt, extra: CHAT_TEMPLATE_ALLOWANCE };
}

/**
 * Checks a whole file against an SRI hash (`sha256-<base64>`).
 * @throws EngineError `integrity` on a mismatch or an unsupported hash.
 */
export async function verifyFileIntegrity(blob: Blob, sri: string, name: string): Promise<void> {
  const actual = await sriOf(blob, sri);
  if (!actual) throw new EngineError('integrity', `${name}: unsupported integrity value "${sri}"`);
  if (actual !== sri) throw new EngineError('integrity', `${name}: expected ${sri}, got ${actual}`);
}

/**
 * Multi-turn dialogue and consultation-report generation (IMCS-V2-MRG). Taiyi chats without a template:
 * the user's message is the prompt, and turns are joined with `<|endoftext|>` (formats.md §0).
 */
import { estimateTokens } from '../chunk.ts';
import { splitLines } from '../text.ts';
import { cleanLine, splitKeyValue, stripSpecialTokens } from './parse.ts';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** One utterance of a doctor–patient consultation. */
export interface Utterance {
  speaker: 'patient' | 'doctor';
  text: string;
}

export interface ChatInput {
  /** Chat mode: the user's new message. */
  message?: string;
  /** Report mode: the consultation to summarise. */
  dialogue?: readonly Utterance[];
}

export interface ChatOptions {
  mode?: 'chat' | 'report';
}

export interface ReportSection {
  title: string;
  text: string;
}

export interface ChatResult {
  text: string;
  /** Report mode: the sections in answer order (主诉, 现病史, …). */
  sections: ReportSection[];
  unparsed: string[];
}

/** Taiyi's end-of-text marker, which separates every turn. */
export const EOT = '<|endoftext|>';
/** The inference scripts keep the last 1000 tokens of history. */
export const HISTORY_TOKENS = 1000;
/** The six sections of a consultation report, in Taiyi's order. */
export const REPORT_SECTIONS = ['主诉', '现病史', '辅助检查', '既往史', '诊断', '建议'] as const;

/**
 * Drops the oldest turns until the history fits the token budget. The newest turn is always kept,
 * and history never starts with an assistant turn.
 */
export function truncateHistory(turns: readonly ChatTurn[], maxTokens = HISTORY_TOKENS): ChatTurn[] {
  let total = 0;
  let from = turns.length;
  while (from > 0) {
    const cost = estimateTokens(turns[from - 1].content) + 2;
    if (from < turns.length && total + cost > maxTokens) break;
    total += cost;
    from--;
  }
  while (from < turns.length - 1 && turns[from].role === 'assistant') from++;
  return turns.slice(from);
}

/**
 * Renders a conversation in Taiyi 1's raw wire format, ending with the marker after the last user turn so
 * the model answers next: `<|endoftext|>u1<|endoftext|>a1<|endoftext|>u2<|endoftext|>`.
 */
export function formatTaiyiConversation(turns: readonly ChatTurn[]): string {
  let out = '';
  for (const turn of turns) out += turn.role === 'user' ? `${EOT}${turn.content}${EOT}` : turn.content;
  return out;
}

const SPEAKER = /^\s*(患者|病人|家属|patient|医生|大夫|doctor)\s*[:：]\s*/i;

/**
 * Reads a consultation as pasted by the user: each `患者：`/`医生：` line (or patient / doctor) starts an
 * utterance, other lines continue the one before; text before any speaker is the patient's.
 */
export function parseDialogue(text: string): Utterance[] {
  const out: Utterance[] = [];
  for (const line of splitLines(text)) {
    if (!line.trim()) continue;
    const m = SPEAKER.exec(line);
    if (m) out.push({ speaker: /医生|大夫|doctor/i.test(m[1]) ? 'doctor' : 'patient', text: line.slice(m[0].length).trim() });
    else if (out.length) out[out.length - 1].text += line.trim();
    else out.push({ speaker: 'patient', text: line.trim() });
  }
  return out;
}

/** Builds Taiyi's consultation-report prompt from a dialogue. */
export function buildReportPrompt(dialogue: readonly Utterance[]): string {
  const lines = dialogue.map((u) => `${u.speaker === 'patient' ? '患者' : '医生'}：${u.text}`);
  return `问诊对话历史：\n${lines.join('\n')}\n根据上述对话，给出诊疗报告\n说明：诊疗报告分为${REPORT_SECTIONS.join(', ')}这六个章节。`;
}

/** Builds the prompt for a chat turn (the message itself) or a report request. */
export function buildChatPrompt(input: ChatInput, options: ChatOptions): string {
  return options.mode === 'report' ? buildReportPrompt(input.dialogue ?? []) : (input.message ?? '');
}

/**
 * Parses a chat answer (the text as is) or a report (`上述问诊对话的诊疗报告如下：` then `主诉：…` lines;
 * lines without a section title continue the section above). Never throws.
 */
export function parseChat(output: string, options: ChatOptions): ChatResult {
  const text = stripSpecialTokens(output).trim();
  const sections: ReportSection[] = [];
  const unparsed: string[] = [];
  if (options.mode !== 'report') return { text, sections, unparsed };
  for (const raw of splitLines(text)) {
    const line = cleanLine(raw);
    if (!line || /^上述.*报告如下[:：]?$/.test(line)) continue;
    const kv = splitKeyValue(line);
    const title = kv && (REPORT_SECTIONS as readonly string[]).includes(kv.key) ? kv.key : null;
    if (kv && title) sections.push({ title, text: kv.value });
    else if (sections.length) sections[sections.length - 1].text += `\n${line}`;
    else unparsed.push(line);
  }
  return { text, sections, unparsed };
}

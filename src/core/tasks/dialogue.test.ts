import { describe, expect, it } from 'vitest';
import { buildReportPrompt, formatTaiyiConversation, parseDialogue, truncateHistory } from './dialogue.ts';
import type { ChatTurn } from './dialogue.ts';

describe('dialogue', () => {
  const turns: ChatTurn[] = [
    { role: 'user', content: 'u1' },
    { role: 'assistant', content: 'a1' },
    { role: 'user', content: 'u2' },
  ];

  it('renders Taiyi 1’s wire format', () => {
    expect(formatTaiyiConversation(turns)).toBe('<|endoftext|>u1<|endoftext|>a1<|endoftext|>u2<|endoftext|>');
  });

  it('keeps the newest turns within the history budget, never starting with an answer', () => {
    const long: ChatTurn[] = Array.from({ length: 40 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: '很长的一段话'.repeat(10),
    }));
    long.push({ role: 'user', content: '最新问题' });
    const kept = truncateHistory(long, 300);
    expect(kept[kept.length - 1].content).toBe('最新问题');
    expect(kept[0].role).toBe('user');
    expect(kept.length).toBeLessThan(long.length);
    expect(truncateHistory(turns)).toEqual(turns);
    expect(truncateHistory([{ role: 'user', content: 'x'.repeat(10_000) }], 10)).toHaveLength(1);
  });

  it('reads a pasted consultation into utterances, continuation lines joined to the one before', () => {
    const pasted = '孩子咳嗽三天\r\n医生：有没有发热？\n\n患者: 没有，\n就是咳嗽\nDoctor: Any rash?';
    expect(parseDialogue(pasted)).toEqual([
      { speaker: 'patient', text: '孩子咳嗽三天' },
      { speaker: 'doctor', text: '有没有发热？' },
      { speaker: 'patient', text: '没有，就是咳嗽' },
      { speaker: 'doctor', text: 'Any rash?' },
    ]);
    expect(buildReportPrompt(parseDialogue(pasted))).toContain('\n患者：没有，就是咳嗽\n医生：Any rash?\n');
  });
});

import { describe, expect, it } from 'vitest';
import { ENTITIES } from './entities.ts';

describe('entities tab answers', () => {
  it('reads comma lists by the chunk text and nests CMeEE types only inside 临床表现', () => {
    const input = '血压正常，伴头痛，偶有呕吐。';
    const plan = ENTITIES.plan({ ...ENTITIES.form, input, preset: 'cmeee', langMode: 'zh' });
    if (plan.kind !== 'chunked') throw new Error('entities runs per chunk');
    const view = plan.addAnswer(
      plan.initial,
      '临床表现：头痛、呕吐\n身体：血；头\n医学检验项目：血压',
      { text: input, start: 0, end: input.length },
      { truncated: false },
    );
    expect(view.spans.map((s) => `${s.type}:${s.text}@${s.start}`)).toEqual([
      '医学检验项目:血压@0',
      '临床表现:头痛@6',
      '身体:头@6',
      '临床表现:呕吐@11',
    ]);
    expect(view.notFound).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { alignMentions } from './align.ts';
import { addSpans, chunkForPrompt, chunkText, estimateTokens, mergeSpans, shiftSpans, splitSentences, textBudget } from './chunk.ts';
import { seededRandom } from './random.ts';
import { buildNerPrompt } from './tasks/ner.ts';
import { uniqueBy } from './text.ts';

describe('splitSentences', () => {
  it('splits English at sentence ends but not at abbreviations, initials or decimals', () => {
    const text = 'Aspirin (e.g. 2.5 mg) was given by Dr. Smith et al. in 2020. J. Doe agreed! Was it safe? Yes.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Aspirin (e.g. 2.5 mg) was given by Dr. Smith et al. in 2020. ',
      'J. Doe agreed! ',
      'Was it safe? ',
      'Yes.',
    ]);
  });

  it('splits Chinese at 。！？； and keeps closing quotes with their sentence', () => {
    const text = '患者发热。“是否咳嗽？”无咳嗽；给予治疗！好转';
    expect(splitSentences(text).map((s) => s.text)).toEqual(['患者发热。', '“是否咳嗽？”', '无咳嗽；', '给予治疗！', '好转']);
  });

  it('covers the text without gaps', () => {
    const text = 'One. Two.\n\nThree 三。四';
    const parts = splitSentences(text);
    expect(parts.map((s) => s.text).join('')).toBe(text);
    for (const s of parts) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('chunkText', () => {
  const sentence = (i: number) => `Sentence number ${i} mentions aspirin and fever. `;
  const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join('');

  it('keeps chunks within the budget, sentence-aligned, with offsets into the document', () => {
    const chunks = chunkText(text, 60);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(estimateTokens(c.text)).toBeLessThanOrEqual(60);
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.text.startsWith('Sentence number')).toBe(true);
    }
    expect(chunks.map((c) => c.text).join('')).toBe(text);
  });

  it('cuts an over-long sentence at spaces', () => {
    const long = 'word '.repeat(400).trim() + '.';
    const chunks = chunkText(long, 50);
    for (const c of chunks) expect(estimateTokens(c.text)).toBeLessThanOrEqual(50);
    expect(chunks.map((c) => c.text).join('')).toBe(long);
  });

  it('maps aligned spans back to document offsets and merges duplicates', () => {
    const chunks = chunkText(text, 60);
    const perChunk = chunks.map((c) => shiftSpans(alignMentions(c.text, [{ type: 'Chemical', text: 'aspirin' }]).spans, c.start));
    const merged = mergeSpans([...perChunk, perChunk[0]]);
    expect(merged).toHaveLength(60);
    for (const s of merged) expect(text.slice(s.start, s.end)).toBe('aspirin');
    expect(uniqueBy([{ t: 'a' }, { t: 'b' }, { t: 'a' }], (x) => x.t)).toEqual([{ t: 'a' }, { t: 'b' }]);
  });

  it('adds one part’s spans to a merged result as merging everything again would', () => {
    const rand = seededRandom(3);
    const types = ['Chemical', 'Disease', 'Gene'];
    const part = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => {
        const start = from + Math.floor(rand() * 60);
        return { type: types[Math.floor(rand() * types.length)], start, end: start + 1 + Math.floor(rand() * 4), id: `${from}.${i}` };
      });
    const parts = Array.from({ length: 30 }, (_, k) => part(1 + Math.floor(rand() * 25), k * 40));
    let added: ReturnType<typeof part> = [];
    for (let k = 0; k < parts.length; k++) {
      added = addSpans(added, parts[k]);
      // `id` tells apart spans of the same type and offsets: the first one seen stays, as in mergeSpans
      expect(added).toEqual(mergeSpans(parts.slice(0, k + 1)));
    }
    expect(added.length).toBeLessThan(parts.flat().length); // the parts overlap, so some were duplicates
  });

  it('sizes chunks so the whole prompt and the answer fit Taiyi’s 2048-token window', () => {
    const doc = '患者反复发热三天，伴咳嗽咳痰。'.repeat(400);
    const build = (t: string) => buildNerPrompt(t, { types: ['疾病', '临床表现'] }, 'zh');
    const chunks = chunkForPrompt(doc, build);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(estimateTokens(build(c.text)) + 500).toBeLessThanOrEqual(2048);
    expect(textBudget(100)).toBe(2048 - 100 - 500);
  });
});

describe('estimateTokens', () => {
  it('counts CJK characters and digits one each, Latin words by length', () => {
    expect(estimateTokens('发热')).toBe(2);
    expect(estimateTokens('2020')).toBe(4);
    expect(estimateTokens('aspirin')).toBe(2);
    expect(estimateTokens('a b, c')).toBe(4);
  });
});

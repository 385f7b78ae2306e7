import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.ts';
import { alignMentions } from './align.ts';
import type { AlignedSpan } from './align.ts';
import { foldForMatch, lowerSameLength } from './normalize.ts';
import { seededRandom } from './random.ts';

const at = (spans: AlignedSpan[]) => spans.map((s) => `${s.type}:${s.start}-${s.end}:${s.text}`);

describe('alignMentions', () => {
  it('finds every occurrence, case variants included (the gold annotates them all)', () => {
    const text = 'Aspirin helps. aspirin again, and ASPIRIN.';
    const named = alignMentions(text, [{ type: 'Chemical', text: 'aspirin' }]).spans;
    expect(at(named)).toEqual(['Chemical:0-7:Aspirin', 'Chemical:15-22:aspirin', 'Chemical:34-41:ASPIRIN']);
    expect(named.map((s) => s.match)).toEqual(['case', 'exact', 'case']);
    const r = alignMentions(text, [{ type: 'Chemical', text: 'aSpIrIn' }]);
    expect(at(r.spans)).toEqual(['Chemical:0-7:Aspirin', 'Chemical:15-22:aspirin', 'Chemical:34-41:ASPIRIN']);
    expect(r.spans.every((s) => s.match === 'case' && s.mention === 'aSpIrIn')).toBe(true);
  });

  it('matches across full-width/ASCII, spacing and hyphens', () => {
    const text = '患者感染ＣＯＶＩＤ－１９后，用β2受体激动剂。Non  Indian childhood cirrhosis.';
    const r = alignMentions(text, [
      { type: '疾病', text: 'COVID-19' },
      { type: '药物', text: 'β2 受体激动剂' },
      { type: 'Disease', text: 'non-Indian childhood cirrhosis' },
    ]);
    expect(r.notFound).toEqual([]);
    expect(r.spans.map((s) => [s.text, s.match])).toEqual([
      ['ＣＯＶＩＤ－１９', 'normalized'],
      ['β2受体激动剂', 'normalized'],
      ['Non  Indian childhood cirrhosis', 'normalized'],
    ]);
  });

  it('keeps the longest of overlapping spans of one type, and nested spans of different types', () => {
    const text = 'lung cancer and cancer; 细胞下降明显';
    const r = alignMentions(text, [
      { type: 'Disease', text: 'cancer' },
      { type: 'Disease', text: 'lung cancer' },
      { type: 'sym', text: '细胞下降' },
      { type: 'bod', text: '细胞' },
    ]);
    expect(at(r.spans)).toEqual(['Disease:0-11:lung cancer', 'Disease:16-22:cancer', 'sym:24-28:细胞下降', 'bod:24-26:细胞']);
  });

  it('prefers whole words, and falls back to a match inside a word', () => {
    const text = 'CTR1 binds copper; CT was seen. ulcers';
    expect(at(alignMentions(text, [{ type: 'D', text: 'CT' }]).spans)).toEqual(['D:19-21:CT']);
    expect(at(alignMentions(text, [{ type: 'D', text: 'ulcer' }]).spans)).toEqual(['D:32-37:ulcer']);
  });

  it('never highlights a piece of a word, nor a short mention as the start of a longer word', () => {
    const text = 'Famotidine, a histamine antagonist: its metabolism was unchanged. Cancer; peptic ulcers; IL-2R.';
    const r = alignMentions(text, [
      { type: 'Chemical', text: 'M' },
      { type: 'Chemical', text: 'b' },
      { type: 'Chemical', text: 'Ca' },
      { type: 'Chemical', text: 'tidine' },
      { type: 'Chemical', text: 'Famo' },
      { type: 'Disease', text: 'ulcer' },
      { type: 'Gene', text: 'IL-2' },
    ]);
    expect(at(r.spans)).toEqual(['Disease:81-86:ulcer', 'Gene:89-93:IL-2']);
    expect(r.notFound.map((m) => m.text)).toEqual(['M', 'b', 'Ca', 'tidine', 'Famo']);
  });

  it('reports mentions it cannot find, once each', () => {
    const r = alignMentions('some text', [
      { type: 'A', text: 'missing' },
      { type: 'A', text: 'missing' },
      { type: 'B', text: 'text' },
      { type: 'C', text: '  ' },
    ]);
    expect(r.notFound).toEqual([
      { type: 'C', text: '  ' },
      { type: 'A', text: 'missing' },
    ]);
    expect(at(r.spans)).toEqual(['B:5-9:text']);
  });

  it('highlights case variants of a named mention, and prefers whole words across them', () => {
    const text = 'Famotidine was given; famotidine-associated delirium. KCl and K were low; k values fell.';
    const r = alignMentions(text, [
      { type: 'Chemical', text: 'Famotidine' },
      { type: 'Chemical', text: 'K' },
    ]);
    expect(at(r.spans)).toEqual(['Chemical:0-10:Famotidine', 'Chemical:22-32:famotidine', 'Chemical:62-63:K', 'Chemical:74-75:k']);
  });

  it('does not read a mention inside `non-X` while it occurs elsewhere', () => {
    const text = 'Patients with FAP and non-FAP colorectal cancer.';
    expect(at(alignMentions(text, [{ type: 'disease', text: 'FAP' }]).spans)).toEqual(['disease:14-17:FAP']);
  });

  it('reports a mention that lost every occurrence to a longer one of its type', () => {
    const text = 'He developed acute renal failure syndrome.';
    const r = alignMentions(text, [
      { type: 'Disease', text: 'acute renal failure' },
      { type: 'Disease', text: 'renal failure syndrome' },
    ]);
    expect(at(r.spans)).toEqual(['Disease:19-41:renal failure syndrome']);
    expect(r.shadowed).toEqual([{ type: 'Disease', text: 'acute renal failure' }]);
    expect(r.notFound).toEqual([]);
  });

  it('nests other types only inside the types that allow it (CMeEE: 临床表现)', () => {
    const text = '血常规正常，血压升高，伴头痛。';
    const mentions = [
      { type: '身体', text: '血' },
      { type: '医学检验项目', text: '血常规' },
      { type: '医学检验项目', text: '血压' },
      { type: '临床表现', text: '血压升高' },
      { type: '临床表现', text: '头痛' },
      { type: '身体', text: '头' },
    ];
    const nested = alignMentions(text, mentions, { nestingTypes: ['临床表现'] });
    expect(at(nested.spans)).toEqual([
      '医学检验项目:0-3:血常规',
      '临床表现:6-10:血压升高',
      '医学检验项目:6-8:血压',
      '临床表现:12-14:头痛',
      '身体:12-13:头',
    ]);
    expect(nested.shadowed).toEqual([{ type: '身体', text: '血' }]);
    // Without the option every type nests, as before.
    expect(alignMentions(text, mentions).spans.filter((s) => s.text === '血')).toHaveLength(2);
  });

  it('never matches half of a character that folds into several (㎎ → mg)', () => {
    expect(alignMentions('5㎎ dose', [{ type: 'X', text: 'g' }]).notFound).toHaveLength(1);
    expect(at(alignMentions('5㎎ dose', [{ type: 'X', text: 'mg' }]).spans)).toEqual(['X:1-2:㎎']);
  });
});

describe('alignment properties on random texts', () => {
  let seed = 1;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pieces = ['ab', 'Ab', 'AB', 'c', ' ', '-', '  ', 'ｃ', 'Ａｂ', '细胞', '下降', 'β2', '\n', ',', '．', 'x-y', '受体'];
  const make = (n: number) => Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join('');

  it('slices back to the mention after normalisation and never overlaps within a type', () => {
    for (let round = 0; round < 300; round++) {
      const text = make(5 + Math.floor(rand() * 60));
      const mentions = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
        const s = Math.floor(rand() * text.length);
        const raw = rand() < 0.7 ? text.slice(s, s + 1 + Math.floor(rand() * 8)) : make(2);
        return { type: rand() < 0.5 ? 'P' : 'Q', text: rand() < 0.3 ? raw.toUpperCase() : raw };
      });
      const { spans, notFound } = alignMentions(text, mentions);
      for (const span of spans) {
        expect(text.slice(span.start, span.end)).toBe(span.text);
        expect(foldForMatch(span.text)).toBe(foldForMatch(span.mention));
      }
      for (const type of ['P', 'Q']) {
        const mine = spans.filter((s) => s.type === type).sort((a, b) => a.start - b.start);
        for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
      }
      for (const m of mentions) {
        const located = spans.some((s) => s.type === m.type && s.mention === m.text);
        const missing = notFound.some((n) => n.type === m.type && n.text === m.text);
        // A mention is either located, reported, or lost only to a longer overlapping mention of its type.
        if (!located && !missing) expect(spans.some((s) => s.type === m.type)).toBe(true);
      }
    }
  });

  it('agrees with a naive case-insensitive search on mentions copied from the text', () => {
    for (let round = 0; round < 200; round++) {
      const text = make(40);
      const mention = text.slice(3, 7).trim();
      if (!mention || /^[\s-]|[\s-]$/.test(mention)) continue;
      const naive: number[] = [];
      const lower = text.toLowerCase();
      const key = mention.toLowerCase();
      for (let i = lower.indexOf(key); i >= 0; i = lower.indexOf(key, i + 1)) naive.push(i);
      const greedy: number[] = [];
      for (const s of naive) if (!greedy.length || s >= greedy[greedy.length - 1] + mention.length) greedy.push(s);
      const spans = alignMentions(text, [{ type: 'T', text: mention }]).spans;
      // Whole-word filtering may drop some, and a mention copied from whole words is always found (a piece cut
      // out of a word need not be). Every span is an occurrence from the naive list, or a folded match where
      // the naive ones were all pieces of words.
      const at = text.indexOf(mention, 3);
      const cuts = (i: number) => /[A-Za-z0-9]/.test(text[i - 1] ?? '') && /[A-Za-z0-9]/.test(text[i] ?? '');
      if (!cuts(at) && !cuts(at + mention.length)) expect(spans.length).toBeGreaterThan(0);
      for (const s of spans) if (s.match !== 'normalized') expect(naive).toContain(s.start);
      if (!/[A-Za-z0-9]/.test(mention)) expect(spans.map((s) => s.start)).toEqual(greedy);
    }
  });
});

describe('AhoCorasick', () => {
  it('reports overlapping and nested occurrences of every pattern', () => {
    const hits = new AhoCorasick(['he', 'she', 'his', 'hers']).search('ushers');
    const pairs: string[] = [];
    for (let i = 0; i < hits.length; i += 2) pairs.push(`${['he', 'she', 'his', 'hers'][hits[i]]}@${hits[i + 1]}`);
    expect(pairs.sort()).toEqual(['he@4', 'hers@6', 'she@4']);
  });

  it('searches once on borrowed tables that the next search finds clean', () => {
    const cases: [string[], string][] = [
      [['he', 'she', 'his', 'hers'], 'ushers'],
      [['血压', '压力', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], '高血压力 abcdefghi'],
      [['x'], 'she ushers 血压 ax'],
      [['he', 'she', 'his', 'hers'], 'ushers 血压'],
    ];
    for (const [patterns, text] of cases)
      expect([...AhoCorasick.searchOnce(patterns, text)]).toEqual([...new AhoCorasick(patterns).search(text)]);
  });
});

describe('AhoCorasick on a generated corpus', () => {
  it('finds what a direct search finds, in order of end, longer first, whatever the nodes look like', () => {
    const rand = seededRandom(7);
    const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
    // Short syllables and a space make nodes with one child, a few, and many (every next word after a space),
    // and long failure chains; a few CJK and astral characters stay off the rows.
    const syllables = [
      'a',
      'b',
      'ab',
      'ba',
      'ca',
      'de',
      'fi',
      'go',
      'hu',
      'ik',
      'jo',
      'lu',
      'mo',
      'ny',
      'op',
      'qu',
      'ra',
      '血',
      '压',
      '😀',
    ];
    const text = Array.from({ length: 4000 }, () => pick(syllables) + (rand() < 0.3 ? ' ' : '')).join('');
    const patterns = [
      ...new Set(
        Array.from({ length: 600 }, () => {
          const at = Math.floor(rand() * (text.length - 12));
          return text.slice(at, at + 1 + Math.floor(rand() * 12));
        }),
      ),
      'absent from the text',
    ];
    const direct: { end: number; pattern: string }[] = [];
    for (const pattern of patterns)
      for (let i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + 1)) direct.push({ end: i + pattern.length, pattern });
    direct.sort((a, b) => a.end - b.end || b.pattern.length - a.pattern.length);
    // the same answer whether the transitions are compact records or a full table
    for (const layout of ['auto', 'compact', 'full'] as const) {
      const hits = new AhoCorasick(patterns, undefined, layout).search(text);
      const found: string[] = [];
      for (let i = 0; i < hits.length; i += 2) found.push(`${hits[i + 1]}:${patterns[hits[i]]}`);
      expect(found.length).toBeGreaterThan(5000);
      expect(found, layout).toEqual(direct.map((d) => `${d.end}:${d.pattern}`));
    }
  });
});

describe('lowerSameLength', () => {
  /** The definition: each code unit on its own, when its lower case is one code unit; surrogates kept. */
  const unitByUnit = (s: string) =>
    [...s.split('')]
      .map((u) => {
        const c = u.charCodeAt(0);
        const l = u.toLowerCase();
        return c >= 0xd800 && c <= 0xdfff ? u : l.length === 1 ? l : u;
      })
      .join('');

  it('lower-cases each code unit on its own, keeping the length, for every UTF-16 code unit', () => {
    // the differing units collected, then compared once: 65,536 assertions take seconds on a loaded machine
    const wrong: string[] = [];
    for (let c = 0; c < 65536; c++) {
      const s = `A${String.fromCharCode(c)}b${String.fromCharCode(c)}Z`;
      if (lowerSameLength(s) !== unitByUnit(s)) wrong.push(`U+${c.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    for (const s of ['ΟΔΟΣ ΚΑΙ', 'İSTANBUL', '𐐀BC 𐐨', 'ǅungla', 'Famotidine and ASPIRIN']) expect(lowerSameLength(s)).toBe(unitByUnit(s));
    expect(lowerSameLength('ΟΔΟΣ')).toBe('οδοσ'); // not the final sigma of a whole-word lower-casing
  });
});

import { describe, expect, it } from 'vitest';
import { foldLongText, foldText } from './normalize.ts';
import { seededRandom } from './random.ts';

/** Every unit of a fold map, as the arrays `foldText` gives. */
const unitsOf = (text: string) => {
  const map = foldLongText(text);
  return {
    text: map.text,
    from: Array.from(map.text, (_, i) => map.from(i)),
    to: Array.from(map.text, (_, i) => map.to(i)),
  };
};
const arraysOf = (text: string) => {
  const f = foldText(text);
  return { text: f.text, from: [...f.from], to: [...f.to] };
};

describe('foldLongText', () => {
  it('maps every unit of an ASCII text back as foldText does: separator runs at either end, inside, of one and of many', () => {
    expect(unitsOf('  Ab -\t c-D  ')).toEqual({ text: 'ab c d', from: [2, 3, 4, 8, 9, 10], to: [3, 4, 8, 9, 10, 11] });
    const rand = seededRandom(7);
    const pieces = ['a', 'B', 'cd', 'EF', '1', '.', ',', ' ', ' ', '  ', '-', '--', '\t', '\n', '\r\n', ' - '];
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: Math.floor(rand() * 30) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      expect(unitsOf(text), JSON.stringify(text)).toEqual(arraysOf(text));
    }
  });

  it('folds a text with any character beyond ASCII the general way', () => {
    for (const text of ['Ａｂ  – c', '血压 -  下降', 'x\u00a0y', '5 ㎎', 'naïve  café'])
      expect(unitsOf(text), text).toEqual(arraysOf(text));
  });
});

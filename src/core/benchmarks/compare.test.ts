import { describe, expect, it } from 'vitest';
import { compareGold } from './compare';

describe('compareGold', () => {
  it('marks found, missed and spurious items exactly as scored', () => {
    const gold = {
      entities: [
        { type: 'Chemical', text: 'aspirin' },
        { type: 'Chemical', text: 'ibuprofen' },
      ],
    };
    const predicted = {
      entities: [
        { type: 'Chemical', text: 'aspirin' },
        { type: 'Chemical', text: 'Aspirin' },
      ],
    };
    expect(compareGold(gold, predicted)).toEqual([
      { label: 'Chemical: aspirin', inGold: true, inPrediction: true },
      { label: 'Chemical: ibuprofen', inGold: true, inPrediction: false },
      { label: 'Chemical: Aspirin', inGold: false, inPrediction: true },
    ]);
    expect(compareGold({ answer: 'yes' }, { answer: '' })).toEqual([{ label: 'yes', inGold: true, inPrediction: false }]);
    expect(compareGold({ relations: [] }, { relations: [{ type: 'CID', head: 'D1', tail: 'D2' }] })).toEqual([
      { label: 'CID: [D1, D2]', inGold: false, inPrediction: true },
    ]);
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { alignMentions } from '../core/align';
import { parseNer } from '../core/tasks/ner';
import { HighlightedText } from './HighlightedText';
import { typeIndex } from './palette';
import { example, promptLine } from './taiyiExamples.testutil';

beforeAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

const DIAKG_TYPES =
  '检查指标值，不良反应，用药剂量，疾病的分期分型，部位，疾病，药物，发病机制，病因，手术，临床表现，用药频率，检查方法，用药方法，检查指标，程度，持续时间，非药治疗'.split(
    '，',
  );

/** Parses and aligns a real Taiyi answer, then renders it the way the entities tab does. */
function renderAnswer(text: string, answer: string, types: string[], onSelect = vi.fn()) {
  const { entities } = parseNer(answer, { types });
  const { spans, notFound } = alignMentions(text, entities);
  const utils = render(<HighlightedText text={text} spans={spans} typeIndex={typeIndex(types)} label="text" onSelect={onSelect} />);
  return { ...utils, spans, notFound, entities };
}

const marks = () => screen.queryAllByTestId('entity');
const offsets = (el: HTMLElement) => [Number(el.dataset.start), Number(el.dataset.end)];

describe('HighlightedText with real Taiyi answers', () => {
  it('highlights every mention of the Chinese README answer at its offsets, keeping the whole text', () => {
    const ex = example('从下面文本中识别出指定的实体类型', 'NER');
    const text = promptLine(ex.human);
    const { container } = renderAnswer(text, ex.assistant, ['疾病', '药物']);
    expect(container.querySelector('.highlighted')!.textContent).toBe(text);
    const found = marks().map((m) => [m.dataset.type, m.textContent, ...offsets(m)]);
    expect(found).toEqual(
      [
        ['药物', '大环内酯类抗生素'],
        ['疾病', '沙眼衣原体肺炎'],
        ['药物', '磺胺二甲基异唑'],
        ['药物', '氟喹诺酮类'],
      ].map(([type, m]) => [type, m, text.indexOf(m), text.indexOf(m) + m.length]),
    );
  });

  it('highlights the English README answer (gene, disease)', () => {
    const ex = example('Extract the gene, disease entities');
    const text = promptLine(ex.human);
    renderAnswer(text, ex.assistant, ['gene', 'disease']);
    expect(marks().map((m) => `${m.dataset.type}:${m.textContent}@${m.dataset.start}`)).toEqual([
      `gene:FBN1@${text.indexOf('FBN1')}`,
      `disease:Marfan syndrome@${text.indexOf('Marfan')}`,
    ]);
  });

  it('nests a body part inside the clinical finding that contains it (DiaKG training answer)', () => {
    const ex = example('请识别以下文本中的实体：\n1级');
    const text = promptLine(ex.human);
    renderAnswer(text, ex.assistant, DIAKG_TYPES);
    const part = marks().find((m) => m.dataset.type === '部位' && m.textContent === '肢端皮肤')!;
    const outer = part.parentElement!;
    expect(outer.dataset.testid).toBe('entity');
    expect(outer.dataset.type).toBe('临床表现');
    expect(outer.textContent).toBe('肢端皮肤有开放性病灶');
    expect(offsets(part)).toEqual([text.indexOf('肢端皮肤'), text.indexOf('肢端皮肤') + 4]);
    // Exactly one `entity` element per located mention.
    expect(marks()).toHaveLength(alignMentions(text, parseNer(ex.assistant, { types: DIAKG_TYPES }).entities).spans.length);
  });

  it('splits a crossing mention into a first piece with the full offsets and a continuation piece', () => {
    const text = 'acute renal failure syndrome';
    render(
      <HighlightedText
        text={text}
        spans={[
          { type: 'Disease', start: 0, end: 19 },
          { type: 'Finding', start: 6, end: 28 },
        ]}
        typeIndex={typeIndex(['Disease', 'Finding'])}
        label="text"
      />,
    );
    const finding = marks().find((m) => m.dataset.type === 'Finding')!;
    expect(offsets(finding)).toEqual([6, 28]);
    expect(finding.textContent).toBe('renal failure');
    const rest = screen.getByTestId('entity-part');
    expect(rest.textContent).toBe(' syndrome');
    expect(rest.dataset.start).toBe('6');
  });

  it('is one tab stop: arrow keys and Home/End move between mentions, Enter selects', () => {
    const ex = example('从下面文本中识别出指定的实体类型', 'NER');
    const onSelect = vi.fn();
    renderAnswer(promptLine(ex.human), ex.assistant, ['疾病', '药物'], onSelect);
    const all = marks();
    expect(all.filter((m) => m.tabIndex === 0)).toHaveLength(1);
    all[0].focus();
    fireEvent.keyDown(all[0], { key: 'ArrowRight' });
    expect(document.activeElement).toBe(all[1]);
    expect(all.filter((m) => m.getAttribute('tabindex') === '0')).toEqual([all[1]]);
    fireEvent.keyDown(all[1], { key: 'End' });
    expect(document.activeElement).toBe(all[3]);
    fireEvent.keyDown(all[3], { key: 'ArrowRight' });
    expect(document.activeElement).toBe(all[3]);
    fireEvent.keyDown(all[3], { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ type: '药物', text: '氟喹诺酮类' }));
    // The focused mention is announced with its type, for readers who cannot see the colour.
    expect(screen.getByText(/药物: 氟喹诺酮类 \(4 of 4\)/)).toBeInTheDocument();
  });

  it('gives each type a colour and a pattern class and hides toggled-off types', () => {
    const ex = example('从下面文本中识别出指定的实体类型', 'NER');
    const text = promptLine(ex.human);
    const { entities } = parseNer(ex.assistant, { types: ['疾病', '药物'] });
    const { spans } = alignMentions(text, entities);
    const index = typeIndex(['疾病', '药物']);
    const { rerender } = render(<HighlightedText text={text} spans={spans} typeIndex={index} label="t" />);
    const disease = marks().find((m) => m.dataset.type === '疾病')!;
    const drug = marks().find((m) => m.dataset.type === '药物')!;
    expect(disease.className).toMatch(/\bc0\b.*\bp0\b/);
    expect(drug.className).toMatch(/\bc1\b.*\bp1\b/);
    rerender(<HighlightedText text={text} spans={spans} typeIndex={index} label="t" hidden={new Set(['药物'])} />);
    expect(marks().map((m) => m.dataset.type)).toEqual(['疾病']);
  });

  it('renders the text as text: markup in the input is never interpreted', () => {
    const text = '<img src=x onerror=alert(1)> aspirin';
    const { container } = render(
      <HighlightedText text={text} spans={[{ type: 'Chemical', start: 29, end: 36 }]} typeIndex={typeIndex(['Chemical'])} label="t" />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.highlighted')!.textContent).toBe(text);
  });

  it('shows a long text from its beginning at once, the rest soon after, with the emphasis reaching it', async () => {
    const line = 'Famotidine was given and delirium followed.\n';
    const text = line.repeat(1000);
    const spans = Array.from({ length: 1000 }, (_, i) => ({ type: 'Chemical', start: i * line.length, end: i * line.length + 10 }));
    const last = spans[spans.length - 1];
    const { container } = render(
      <HighlightedText text={text} spans={spans} typeIndex={typeIndex(['Chemical'])} label="t" emphasis={[last]} />,
    );
    const region = container.querySelector('.highlighted')!;
    expect(marks().length).toBeGreaterThan(0);
    expect(marks().length).toBeLessThan(spans.length);
    expect(marks()[0].tabIndex).toBe(0);
    await vi.waitFor(() => expect(marks()).toHaveLength(spans.length));
    expect(region.textContent).toBe(text);
    expect(region.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    await vi.waitFor(() => expect(region.querySelector('mark.emph')?.getAttribute('data-start')).toBe(String(last.start)));
  });
});

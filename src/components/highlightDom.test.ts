// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { BLOCK_CHARS, appendBlocks, buildMarks } from './highlightDom';
import { buildHighlightTree } from './highlightTree';
import { typeIndex } from './palette';

const LINE = 'Famotidine was given and delirium followed in the night.\n';

function allBlocks(text: string, spans: { type: string; start: number; end: number }[]) {
  const built = buildMarks(document, text, buildHighlightTree(text.length, spans), { typeIndex: typeIndex(['Chemical']) });
  const blocks: HTMLElement[] = [];
  for (let next = built.blocks.next(); !next.done; next = built.blocks.next()) blocks.push(next.value);
  return blocks;
}

describe('buildMarks', () => {
  it('cuts a long text into blocks at line breaks, never inside a mark, keeping every character', () => {
    const text = LINE.repeat(200);
    // every line's first word, and one mention that runs over a line break where a block would end
    const spans = Array.from({ length: 200 }, (_, i) => ({ type: 'Chemical', start: i * LINE.length, end: i * LINE.length + 10 }));
    const across = Math.ceil(BLOCK_CHARS / LINE.length) * LINE.length - 6;
    spans.push({ type: 'Chemical', start: across, end: across + 16 });
    const blocks = allBlocks(text, spans);
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.map((b) => b.textContent).join('')).toBe(text);
    for (const b of blocks.slice(0, -1)) {
      expect(b.textContent.endsWith('\n')).toBe(true);
      expect(b.textContent.length).toBeGreaterThanOrEqual(BLOCK_CHARS);
    }
    const marks = blocks.flatMap((b) => [...b.querySelectorAll<HTMLElement>('[data-testid="entity"]')]);
    expect(marks).toHaveLength(201);
    const long = marks.find((m) => m.dataset.start === String(across))!;
    expect(long.textContent).toBe(text.slice(across, across + 16));
    expect(long.textContent).toContain('\n');
  });

  it('keeps a text without line breaks in one block', () => {
    const text = 'famotidine '.repeat(1000);
    expect(allBlocks(text, [{ type: 'Chemical', start: 0, end: 10 }])).toHaveLength(1);
  });
});

describe('appendBlocks', () => {
  it('puts the first blocks in at once and the rest after, then says it is done', async () => {
    const text = LINE.repeat(400);
    const built = buildMarks(document, text, buildHighlightTree(text.length, []), { typeIndex: new Map() });
    const parent = document.createElement('div');
    let done = false;
    appendBlocks(
      parent,
      built.blocks,
      () => {},
      () => (done = true),
    );
    expect(parent.textContent.length).toBeGreaterThan(BLOCK_CHARS);
    expect(parent.textContent.length).toBeLessThan(text.length);
    expect(done).toBe(false);
    await expect.poll(() => done).toBe(true);
    expect(parent.textContent).toBe(text);
  });

  it('stops when asked', async () => {
    const text = LINE.repeat(400);
    const built = buildMarks(document, text, buildHighlightTree(text.length, []), { typeIndex: new Map() });
    const parent = document.createElement('div');
    const stop = appendBlocks(
      parent,
      built.blocks,
      () => {},
      () => {},
    );
    const first = parent.textContent.length;
    stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(parent.textContent.length).toBe(first);
  });
});

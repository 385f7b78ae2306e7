/**
 * The page `npm run bench:render` opens: renders the real HighlightedText (with the app's styles) over a
 * synthetic 100 KB abstract collection carrying 5,000 mentions, some nested and some crossing, and reports
 * how long React takes to render and the browser to draw the first frame of the result (style, layout and paint:
 * blocks out of view are skipped there, so a forced layout alone would no longer count the ones in view).
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import '../../src/i18n';
import '../../src/styles.css';
import { HighlightedText } from '../../src/components/HighlightedText';
import { typeIndex } from '../../src/components/palette';

const WORDS = (
  'famotidine delirium patients were treated with indomethacin hypotension sodium depleted rats renin ' +
  'activity blood pressure fell significantly within four hours scleroderma renal crisis tacrolimus prednisolone ' +
  'systemic sclerosis corticosteroid thrombotic microangiopathy cyclosporine'
).split(' ');
const TYPES = ['Chemical', 'Disease', 'Gene', 'Species', 'Mutation', 'CellLine'];

/** Deterministic pseudo-random numbers, so every run measures the same document. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function makeDocument(chars: number, mentions: number) {
  const rand = rng(42);
  const starts: number[] = [];
  let text = '';
  while (text.length < chars) {
    if (rand() < 0.02) text += '\n\n';
    starts.push(text.length);
    text += WORDS[Math.floor(rand() * WORDS.length)] + (rand() < 0.08 ? '. ' : ' ');
  }
  text = text.slice(0, chars);
  const wordEnd = (i: number) => (text.indexOf(' ', i) < 0 ? text.length : text.indexOf(' ', i));
  const spans: { type: string; start: number; end: number }[] = [];
  const step = starts.length / mentions;
  for (let m = 0; m < mentions; m++) {
    const start = starts[Math.floor(m * step)];
    const r = rand();
    // Mostly single words; some two-word mentions that nest or cross their neighbour.
    const end = r < 0.85 ? wordEnd(start) : wordEnd(wordEnd(start) + 1);
    if (start < end && end <= text.length) spans.push({ type: TYPES[Math.floor(rand() * TYPES.length)], start, end });
  }
  return { text, spans: spans.slice(0, mentions) };
}

declare global {
  interface Window {
    runBench(
      runs: number,
      chars: number,
      mentions: number,
    ): Promise<{ times: number[]; react: number[]; filled: number[]; marks: number; chars: number }>;
  }
}

/**
 * Runs `work` at the start of an animation frame, so the frame's style, layout and paint follow it at once,
 * and resolves once that frame is drawn: the time of the work, and of the work and the frame together.
 */
function inFrame(work: () => void): Promise<{ start: number; work: number; total: number }> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const t0 = performance.now();
      work();
      const done = performance.now() - t0;
      // A message posted in the frame's callbacks is delivered after the frame's rendering.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ start: t0, work: done, total: performance.now() - t0 });
      channel.port2.postMessage(null);
    }),
  );
}

window.runBench = async (runs, chars, mentions) => {
  const { text, spans } = makeDocument(chars, mentions);
  const index = typeIndex(TYPES);
  const stage = document.getElementById('stage')!;
  const times: number[] = [];
  const react: number[] = [];
  const filled: number[] = [];
  let marks = 0;
  for (let i = 0; i < runs; i++) {
    const host = document.createElement('div');
    stage.append(host);
    const root = createRoot(host);
    const { start, work, total } = await inFrame(() =>
      flushSync(() => root.render(<HighlightedText text={text} spans={spans} typeIndex={index} label="Benchmark" />)),
    );
    react.push(work);
    times.push(total);
    // A long text comes in a few blocks at a time: wait for the frame that draws its last mark.
    const count = () => host.querySelectorAll('[data-testid="entity"]').length;
    while (count() < mentions && performance.now() - start < 10_000) await inFrame(() => {});
    filled.push(performance.now() - start);
    marks = count();
    await new Promise((r) => setTimeout(r, 30));
    root.unmount();
    host.remove();
    await new Promise((r) => setTimeout(r, 30));
  }
  return { times, react, filled, marks, chars: text.length };
};

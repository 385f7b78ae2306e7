// @vitest-environment jsdom
import { Profiler, useMemo } from 'react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { create } from 'zustand';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_RUN, type RunState } from '../core/run';
import { StreamBox } from './StreamBox';
import { rawAnswer, StreamedText } from './StreamedText';

afterEach(cleanup);

const makeStore = () => create<{ run: RunState }>()(() => ({ run: IDLE_RUN }));
const stream = (store: ReturnType<typeof makeStore>, text: string) => store.setState({ run: { ...IDLE_RUN, raws: [text], running: true } });

function Streamed({ store, onRender }: { store: ReturnType<typeof makeStore>; onRender: () => void }) {
  const source = useMemo(() => rawAnswer(store, 0), [store]);
  return (
    <Profiler id="stream" onRender={onRender}>
      <pre data-testid="out">
        <StreamedText source={source} />
      </pre>
    </Profiler>
  );
}

describe('StreamedText', () => {
  it('follows the store without rendering, extending its text node in place', () => {
    const store = makeStore();
    let renders = 0;
    render(<Streamed store={store} onRender={() => renders++} />);
    const span = screen.getByTestId('out').firstElementChild!;
    stream(store, 'Aspirin');
    const node = span.firstChild;
    stream(store, 'Aspirin is an');
    stream(store, 'Aspirin is an NSAID.');
    expect(span.textContent).toBe('Aspirin is an NSAID.');
    expect(span.childNodes).toHaveLength(1);
    expect(span.firstChild).toBe(node);
    expect(renders).toBe(1);
  });

  it('keeps a long answer in bounded text nodes and leaves the earlier ones untouched', () => {
    const store = makeStore();
    render(<Streamed store={store} onRender={() => {}} />);
    const span = screen.getByTestId('out').firstElementChild!;
    let text = '';
    let first: ChildNode | null = null;
    for (let i = 0; i < 400; i++) {
      text += `token${i} `;
      stream(store, text);
      first ??= span.firstChild;
    }
    const nodes = [...span.childNodes] as Text[];
    expect(span.textContent).toBe(text);
    expect(nodes.length).toBeGreaterThan(2);
    expect(nodes.every((n) => n.nodeType === Node.TEXT_NODE && n.length <= 1024)).toBe(true);
    expect(nodes[0]).toBe(first);
  });

  it('replaces the text when the new one does not continue it (a new run)', () => {
    const store = makeStore();
    render(<Streamed store={store} onRender={() => {}} />);
    const span = screen.getByTestId('out').firstElementChild!;
    stream(store, 'x'.repeat(3000));
    stream(store, 'Tumour');
    expect(span.textContent).toBe('Tumour');
    expect(span.childNodes).toHaveLength(1);
    stream(store, '');
    expect(span.textContent).toBe('');
  });

  it('shows what the store holds already when it mounts', () => {
    const store = makeStore();
    stream(store, 'already here');
    render(<Streamed store={store} onRender={() => {}} />);
    expect(screen.getByTestId('out').textContent).toBe('already here');
  });

  it('splits a piece longer than a node into nodes of bounded size', () => {
    const store = makeStore();
    render(<Streamed store={store} onRender={() => {}} />);
    const span = screen.getByTestId('out').firstElementChild!;
    stream(store, 'a'.repeat(1000));
    stream(store, 'a'.repeat(1000) + 'b'.repeat(3000)); // a slow page's flush of a fast model: one big piece
    const lengths = [...span.childNodes].map((n) => (n as Text).length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(1024);
    expect(span.textContent).toBe('a'.repeat(1000) + 'b'.repeat(3000));
  });
});

describe('StreamBox (useFollowEnd)', () => {
  /** A test double of ResizeObserver (jsdom has none): the test reports the content's height itself. */
  class ResizeObserverDouble {
    static last: ResizeObserverDouble | null = null;
    constructor(private readonly callback: (entries: { contentRect: { height: number } }[]) => void) {
      ResizeObserverDouble.last = this;
    }
    observe() {}
    disconnect() {}
    report(height: number) {
      act(() => this.callback([{ contentRect: { height } }]));
    }
  }
  beforeEach(() => vi.stubGlobal('ResizeObserver', ResizeObserverDouble));
  afterEach(() => vi.unstubAllGlobals());

  /**
   * jsdom lays nothing out: the box says it holds `content.height` px (500 at first) in a 100 px view, and keeps the
   * scroll position set.
   */
  const sized = (box: HTMLElement) => {
    let top = 0;
    const content = { height: 500 };
    Object.defineProperty(box, 'scrollHeight', { get: () => content.height });
    Object.defineProperty(box, 'clientHeight', { get: () => 100 });
    Object.defineProperty(box, 'scrollTop', { get: () => top, set: (v: number) => (top = Math.min(v, content.height - 100)) });
    return content;
  };

  /** A streaming box, its content's height (settable) and the observer of its growth. */
  const streamingBox = () => {
    render(
      <StreamBox busy data-testid="box">
        a
      </StreamBox>,
    );
    const box = screen.getByTestId('box');
    return { box, content: sized(box), grown: ResizeObserverDouble.last! };
  };

  it('keeps the end in view as the text grows, until the reader scrolls up, and again once back at the end', () => {
    const { box, grown } = streamingBox();
    grown.report(100); // the size at mount: a text shown whole opens at its start
    expect(box.scrollTop).toBe(0);
    grown.report(200);
    expect(box.scrollTop).toBe(400);

    box.scrollTop = 120;
    box.dispatchEvent(new Event('scroll'));
    grown.report(300);
    expect(box.scrollTop).toBe(120);

    box.scrollTop = 400;
    box.dispatchEvent(new Event('scroll'));
    grown.report(400);
    expect(box.scrollTop).toBe(400);
  });

  it('goes on following when its own scroll is heard only after the text grew again', () => {
    const { box, content, grown } = streamingBox();
    grown.report(100);
    grown.report(200);
    expect(box.scrollTop).toBe(400);
    // the next piece lands before the scroll event of the box's own scroll is dispatched
    content.height = 700;
    box.dispatchEvent(new Event('scroll'));
    grown.report(300);
    expect(box.scrollTop).toBe(600);
  });

  it('is the answer box of the test contract, busy while the answer streams', () => {
    render(
      <StreamBox busy data-testid="output-raw">
        text
      </StreamBox>,
    );
    const box = screen.getByTestId('output-raw');
    expect(box).toHaveClass('output-raw');
    expect(box).toHaveAttribute('aria-busy', 'true');
    expect(box).toHaveTextContent('text');
  });
});

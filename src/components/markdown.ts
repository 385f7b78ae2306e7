/**
 * A small Markdown reader for model answers: headings, paragraphs, lists, block quotes, fenced code, rules,
 * pipe tables, and inline emphasis, code and links. Links and images become `link` nodes that the renderer shows as
 * text with their full URL, never as live links or images (see `SafeMarkdown`). Raw HTML is dropped (tags removed, and with
 * script/style/iframe their content too); the result is plain data that the renderer turns into React
 * elements, so nothing is ever parsed as HTML.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em' | 'del'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'br' };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'rule' }
  | { kind: 'table'; head: Inline[][]; rows: Inline[][][] };

const DANGEROUS_BLOCK = /<(script|style|iframe|object|embed|template|noscript|textarea|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const TAG = /<\/?[A-Za-z][\w:-]*(?:\s+[^<>]*?)?\/?>|<!--[\s\S]*?(?:-->|$)|<![A-Za-z][^>]*>|<\?[\s\S]*?\?>/g;

/** Removes raw HTML from Markdown source: tags go, text between harmless tags stays. */
export function dropHtml(source: string): string {
  return source.replace(DANGEROUS_BLOCK, '').replace(TAG, '');
}

/** Only web and mail URLs are shown; for `javascript:`, `data:` and relative URLs only the link text stays. */
function safeHref(href: string): string | null {
  const h = href.trim();
  return /^(?:https?:\/\/|mailto:)[^\s<>"]+$/i.test(h) ? h : null;
}

/** Parses Markdown into blocks. Never throws. */
export function parseMarkdown(source: string): Block[] {
  const lines = dropHtml(source.replace(/\r\n?/g, '\n')).split('\n');
  return parseBlocks(lines);
}

const FENCE = /^\s{0,3}(```+|~~~+)\s*([\w+-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const BULLET = /^(\s*)([-*+])\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      blocks.push({ kind: 'code', lang: fence[2], text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length as 1, children: parseInline(heading[2]) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      for (; i < lines.length && lines[i].trim() && QUOTE.test(lines[i]); i++) inner.push(QUOTE.exec(lines[i])![1]);
      blocks.push({ kind: 'quote', children: parseBlocks(inner) });
      continue;
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      i = parseList(lines, i, blocks);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1])) {
      const head = cells(line);
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && lines[i].includes('|') && lines[i].trim()) rows.push(cells(lines[i++]));
      blocks.push({ kind: 'table', head, rows });
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() &&
      !FENCE.test(lines[i]) &&
      !HEADING.test(lines[i]) &&
      !QUOTE.test(lines[i]) &&
      !(para.length && (BULLET.test(lines[i]) || ORDERED.test(lines[i]) || RULE.test(lines[i])))
    )
      para.push(lines[i++].trim());
    if (!para.length) para.push(lines[i++].trim());
    blocks.push({ kind: 'paragraph', children: joinLines(para) });
  }
  return blocks;
}

/** Model answers break lines on purpose (one finding per line), so line breaks inside a paragraph stay. */
function joinLines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((l, k) => {
    if (k) out.push({ kind: 'br' });
    out.push(...parseInline(l));
  });
  return out;
}

function cells(line: string): Inline[][] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split('|').map((c) => parseInline(c.trim()));
}

function parseList(lines: string[], from: number, blocks: Block[]): number {
  const first = BULLET.exec(lines[from]) ?? ORDERED.exec(lines[from])!;
  const ordered = !BULLET.test(lines[from]);
  const indent = first[1].length;
  const items: string[][] = [];
  let i = from;
  while (i < lines.length) {
    const line = lines[i];
    const m = ordered ? ORDERED.exec(line) : BULLET.exec(line);
    if (m && m[1].length <= indent + 1) {
      items.push([m[3]]);
      i++;
      continue;
    }
    const leading = /^(\s*)/.exec(line)![1].length;
    if (line.trim() && items.length && leading > indent) {
      items[items.length - 1].push(line.slice(Math.min(leading, indent + 2)));
      i++;
      continue;
    }
    if (!line.trim() && i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]) && items.length) {
      i++;
      continue;
    }
    break;
  }
  blocks.push({
    kind: 'list',
    ordered,
    start: ordered ? Number(first[2]) : 1,
    items: items.map((item) => parseBlocks(item)),
  });
  return i;
}

/** Inline Markdown: `code`, **strong**, *em* / _em_, ~~del~~, [text](url), bare https links. */
function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!~|>]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close > i) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    const delim = c === '*' || c === '_' ? (text[i + 1] === c ? c + c : c) : c === '~' && text[i + 1] === '~' ? '~~' : '';
    if (delim && text[i + delim.length] && !/\s/.test(text[i + delim.length])) {
      const close = findClose(text, delim, i + delim.length);
      // Snake_case words are not emphasis.
      const intraword = delim[0] === '_' && /\w/.test(text[i - 1] ?? '');
      if (close > i + delim.length && !intraword) {
        flush();
        const kind = delim === '~~' ? 'del' : delim.length === 2 ? 'strong' : 'em';
        out.push({ kind, children: parseInline(text.slice(i + delim.length, close)) });
        i = close + delim.length;
        continue;
      }
    }
    if (c === '[' || (c === '!' && text[i + 1] === '[')) {
      // URLs may hold one level of parentheses (Wikipedia-style links, or `javascript:alert(1)` to reject).
      // An image `![alt](url)` is read as a link: an image would be fetched the moment it is shown.
      const m = /^!?\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+"[^"]*")?\)/.exec(text.slice(i));
      if (m) {
        flush();
        const href = safeHref(m[2]);
        if (href) out.push({ kind: 'link', href, children: parseInline(m[1]) });
        else out.push(...parseInline(m[1]));
        i += m[0].length;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && /^https?:\/\//i.test(text.slice(i, i + 8)) && !/\w/.test(text[i - 1] ?? '')) {
      const m = /^https?:\/\/[^\s<>"')\]]+/i.exec(text.slice(i))!;
      const url = m[0].replace(/[.,;:!?]+$/, '');
      flush();
      out.push({ kind: 'link', href: url, children: [{ kind: 'text', text: url }] });
      i += url.length;
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

function findClose(text: string, delim: string, from: number): number {
  for (let k = text.indexOf(delim, from); k >= 0; k = text.indexOf(delim, k + 1)) {
    if (!/\s/.test(text[k - 1]) && (delim.length === 2 || text[k + 1] !== delim)) return k;
  }
  return -1;
}

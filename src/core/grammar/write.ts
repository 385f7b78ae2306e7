/**
 * Prints a grammar in the two dialects the engines read: xgrammar's EBNF (WebLLM's `response_format`) and
 * llama.cpp's GBNF (wllama, llama-server). Both are `name ::= expression` rule lists with `root` as the start;
 * they differ in how characters outside ASCII are written, so one tree yields both texts.
 */
import { ROOT, type GNode, type Grammar } from './ast.ts';

export type Dialect = 'ebnf' | 'gbnf';

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0');

/** Escapes one character; `special` are the characters with a meaning where it is written. */
function escapeChar(c: string, dialect: Dialect, special: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.codePointAt(0)!;
  if (special.includes(c)) return `\\x${hex(code, 2)}`;
  if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
  // xgrammar documents C-style escapes for non-ASCII; llama.cpp reads UTF-8 as is, which keeps GBNF legible
  if (code > 0x7f && dialect === 'ebnf') return code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
  return c;
}

function literal(text: string, dialect: Dialect): string {
  const body = [...text].map((c) => (c === '"' || c === '\\' ? `\\${c}` : escapeChar(c, dialect, ''))).join('');
  return `"${body}"`;
}

function charClass(chars: string, negated: boolean, dialect: Dialect): string {
  const body = [...new Set(chars)].map((c) => escapeChar(c, dialect, '[]\\^-')).join('');
  return `[${negated ? '^' : ''}${body}]`;
}

function quantifier(min: number, max: number | null): string {
  if (min === 0 && max === 1) return '?';
  if (min === 0 && max === null) return '*';
  if (min === 1 && max === null) return '+';
  if (max === min) return `{${min}}`;
  return `{${min},${max ?? ''}}`;
}

/** Writes an expression; `tight` asks for parentheses around sequences and choices (inside a sequence or repeat). */
function expr(node: GNode, dialect: Dialect, tight: 'none' | 'seq' | 'atom'): string {
  switch (node.kind) {
    case 'lit':
      return literal(node.text, dialect);
    case 'chars':
      return charClass(node.chars, node.negated, dialect);
    case 'ref':
      return node.name;
    case 'tag':
      return expr(node.body, dialect, tight);
    case 'repeat':
      return `${expr(node.body, dialect, 'atom')}${quantifier(node.min, node.max)}`;
    case 'seq': {
      if (node.items.length === 0) return '""';
      const text = node.items.map((n) => expr(n, dialect, 'seq')).join(' ');
      return tight === 'atom' ? `(${text})` : text;
    }
    case 'alt': {
      const text = node.options.map((n) => expr(n, dialect, 'none')).join(' | ');
      return tight === 'none' ? text : `(${text})`;
    }
  }
}

/** Prints `grammar` in a dialect, `root` first; `comment` (one line) heads the text. */
export function writeGrammar(grammar: Grammar, dialect: Dialect, comment?: string): string {
  const lines = comment ? [`# ${comment.replace(/\s+/g, ' ')}`] : [];
  const root = grammar.rules.get(ROOT);
  if (root) lines.push(`${ROOT} ::= ${expr(root, dialect, 'none')}`);
  for (const [name, body] of grammar.rules) if (name !== ROOT) lines.push(`${name} ::= ${expr(body, dialect, 'none')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Reading a grammar tree without an engine: generate random answers it accepts (with the structure its tags
 * mark) and check whether a text is one of its answers. Tests and benches use these to hold the grammars
 * against the parsers.
 */
import { ROOT, type GNode, type Grammar } from './ast.ts';

/** A tagged piece of a generated answer: its text and the tagged pieces inside it. */
export interface TagTree {
  name: string;
  text: string;
  children: TagTree[];
}

export interface SampleOptions {
  /** Characters free text is drawn from (a negated class picks among those it allows). */
  alphabet: string;
  /** Extra repetitions beyond a repeat's minimum, at most (keeps samples short). */
  maxExtra: number;
}

interface Piece {
  text: string;
  tags: TagTree[];
}

/**
 * Generates one answer the grammar accepts, with its tagged structure. `random` returns numbers in [0, 1).
 * @throws Error when a character class allows no character of the alphabet.
 */
export function sampleGrammar(grammar: Grammar, random: () => number, options: SampleOptions): { text: string; tags: TagTree[] } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const alphabet = [...options.alphabet];
  const walk = (node: GNode): Piece => {
    switch (node.kind) {
      case 'lit':
        return { text: node.text, tags: [] };
      case 'chars': {
        const allowed = node.negated ? alphabet.filter((c) => !node.chars.includes(c)) : [...node.chars];
        if (!allowed.length) throw new Error(`no character of the alphabet fits [${node.negated ? '^' : ''}${node.chars}]`);
        return { text: pick(allowed), tags: [] };
      }
      case 'ref': {
        const body = grammar.rules.get(node.name);
        if (!body) throw new Error(`undefined rule ${node.name}`);
        return walk(body);
      }
      case 'tag': {
        const inner = walk(node.body);
        return { text: inner.text, tags: [{ name: node.name, text: inner.text, children: inner.tags }] };
      }
      case 'alt':
        return walk(pick(node.options));
      case 'seq':
        return join(node.items.map(walk));
      case 'repeat': {
        const top = node.max === null ? node.min + options.maxExtra : Math.min(node.max, node.min + options.maxExtra);
        const count = node.min + Math.floor(random() * (top - node.min + 1));
        return join(Array.from({ length: count }, () => walk(node.body)));
      }
    }
  };
  return walk({ kind: 'ref', name: ROOT });
}

const join = (pieces: Piece[]): Piece => ({ text: pieces.map((p) => p.text).join(''), tags: pieces.flatMap((p) => p.tags) });

/** Whether `text` as a whole is an answer of the grammar (what a constrained engine could have written). */
export function acceptsText(grammar: Grammar, text: string): boolean {
  const chars = [...text];
  const memo = new Map<string, Set<number>>();
  // every position where `node` can end when it starts at `at`
  const ends = (node: GNode, at: number): Set<number> => {
    switch (node.kind) {
      case 'lit': {
        const lit = [...node.text];
        return lit.every((c, i) => chars[at + i] === c) ? new Set([at + lit.length]) : new Set();
      }
      case 'chars': {
        const c = chars[at];
        return c !== undefined && node.chars.includes(c) !== node.negated ? new Set([at + 1]) : new Set();
      }
      case 'ref': {
        const key = `${node.name}@${at}`;
        let known = memo.get(key);
        if (!known) {
          known = ends(grammar.rules.get(node.name) ?? { kind: 'alt', options: [] }, at);
          memo.set(key, known);
        }
        return known;
      }
      case 'tag':
        return ends(node.body, at);
      case 'alt':
        return new Set(node.options.flatMap((o) => [...ends(o, at)]));
      case 'seq':
        return node.items.reduce((from, item) => new Set([...from].flatMap((p) => [...ends(item, p)])), new Set([at]));
      case 'repeat': {
        const out = new Set<number>(node.min === 0 ? [at] : []);
        let frontier = new Set([at]);
        for (let n = 1; frontier.size && (node.max === null || n <= node.max); n++) {
          const next = new Set([...frontier].flatMap((p) => [...ends(node.body, p)].filter((e) => e > p)));
          if (n >= node.min) for (const e of next) out.add(e);
          frontier = next;
        }
        return out;
      }
    }
  };
  return ends({ kind: 'ref', name: ROOT }, 0).has(chars.length);
}

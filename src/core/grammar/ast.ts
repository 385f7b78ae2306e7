/**
 * The one source of every answer grammar: a small tree of context-free rules that `write.ts` prints as
 * xgrammar EBNF (WebLLM) or llama.cpp GBNF, and that `sample.ts` can generate from and match against.
 */

/** A grammar expression. `tag` marks a piece of the answer's structure (a type, a mention); writers ignore it. */
export type GNode =
  | { kind: 'lit'; text: string }
  /** One character: any of `chars` (or, `negated`, any character but those). */
  | { kind: 'chars'; chars: string; negated: boolean }
  | { kind: 'seq'; items: readonly GNode[] }
  | { kind: 'alt'; options: readonly GNode[] }
  /** `body` repeated `min` to `max` times (`max` null: unbounded). */
  | { kind: 'repeat'; body: GNode; min: number; max: number | null }
  | { kind: 'ref'; name: string }
  | { kind: 'tag'; name: string; body: GNode };

/** Named rules; `root` is the whole answer. Rules are written in insertion order. */
export interface Grammar {
  rules: ReadonlyMap<string, GNode>;
}

export const ROOT = 'root';

export const lit = (text: string): GNode => ({ kind: 'lit', text });
export const oneOf = (chars: string): GNode => ({ kind: 'chars', chars, negated: false });
export const noneOf = (chars: string): GNode => ({ kind: 'chars', chars, negated: true });
export const ref = (name: string): GNode => ({ kind: 'ref', name });
export const tag = (name: string, body: GNode): GNode => ({ kind: 'tag', name, body });
export const repeat = (body: GNode, min: number, max: number | null): GNode => ({ kind: 'repeat', body, min, max });
export const opt = (body: GNode): GNode => repeat(body, 0, 1);
export const star = (body: GNode): GNode => repeat(body, 0, null);

/** A sequence, flattened; a single item stands for itself. */
export function seq(...items: GNode[]): GNode {
  const flat = items.flatMap((n) => (n.kind === 'seq' ? n.items : [n])).filter((n) => !(n.kind === 'lit' && n.text === ''));
  return flat.length === 1 ? flat[0]! : { kind: 'seq', items: flat };
}

/** A choice; a single option stands for itself. */
export function alt(...options: GNode[]): GNode {
  return options.length === 1 ? options[0]! : { kind: 'alt', options };
}

/** Builds a grammar rule by rule; names are made unique and safe for both dialects. */
export class GrammarBuilder {
  private readonly rules = new Map<string, GNode>();

  constructor() {
    // root comes first in the written text, whatever order the rules are defined in
    this.rules.set(ROOT, lit(''));
  }

  /** Defines a rule and returns a reference to it. `name` is a readable hint: letters, digits and `-`. */
  rule(name: string, body: GNode): GNode {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'rule';
    let unique = base;
    for (let n = 2; this.rules.has(unique); n++) unique = `${base}-${n}`;
    this.rules.set(unique, body);
    return ref(unique);
  }

  /** Sets the whole answer and returns the finished grammar. */
  root(body: GNode): Grammar {
    this.rules.set(ROOT, body);
    return { rules: new Map(this.rules) };
  }
}

/**
 * Multi-pattern exact search (Aho–Corasick) over UTF-16 code units. Aligning thousands of mentions with
 * one `indexOf` each would rescan a long document thousands of times; this scans it once.
 *
 * While building, children are first-child / next-sibling lists (most nodes have one or two), except the
 * root's, which are a direct table because nearly every character starts some pattern. The scan reads a
 * compact copy in which each node is one record, its children's (label, node) pairs right after its own
 * fields, and nodes are named by where their record starts: a step reads one or two cache lines, and on a
 * long text the scan waits for memory far more than it computes.
 */
const NONE = 0; // the root's record starts at 0, and the root is never anyone's child

/** Fields of a record, then COUNT (label, child) pairs. */
const COUNT = 0;
const FAIL = 1;
/** The first node on the failure chain, itself included, that ends a pattern (NONE when none does). */
const REPORT = 2;
/** The index of the pattern the node ends, or -1. */
const PATTERN = 3;
const HEADER = 4;

/** An automaton over a fixed list of patterns; build once, search any number of texts. */
export class AhoCorasick {
  private size = 1;
  private firstChild = new Int32Array(1024);
  private nextSibling = new Int32Array(1024);
  private label = new Uint16Array(1024);
  private output = new Int32Array(1024).fill(-1);
  private readonly root = new Int32Array(65536);
  /** The compact copy: one record per node. */
  private records = new Int32Array(HEADER);

  /** Builds the automaton. Patterns should be distinct; an empty pattern never matches. */
  constructor(patterns: readonly string[]) {
    patterns.forEach((p, index) => this.insert(p, index));
    this.link();
  }

  private child(node: number, c: number): number {
    if (node === 0) return this.root[c];
    for (let k = this.firstChild[node]; k !== NONE; k = this.nextSibling[k]) if (this.label[k] === c) return k;
    return NONE;
  }

  private grow(): void {
    const cap = this.firstChild.length * 2;
    const resize = <T extends Int32Array | Uint16Array>(a: T, fill = 0): T => {
      const b = new (a.constructor as { new (n: number): T })(cap);
      if (fill) b.fill(fill);
      b.set(a);
      return b;
    };
    this.firstChild = resize(this.firstChild);
    this.nextSibling = resize(this.nextSibling);
    this.label = resize(this.label);
    this.output = resize(this.output, -1);
  }

  private insert(pattern: string, index: number): void {
    if (!pattern) return;
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let next = this.child(node, c);
      if (next === NONE) {
        if (this.size === this.firstChild.length) this.grow();
        next = this.size++;
        this.label[next] = c;
        if (node === 0) this.root[c] = next;
        else {
          this.nextSibling[next] = this.firstChild[node];
          this.firstChild[node] = next;
        }
      }
      node = next;
    }
    if (this.output[node] === -1) this.output[node] = index;
  }

  /** Writes the compact copy, in node order; the root's table then points at records too. */
  private compact(): void {
    const { firstChild, nextSibling, label, output, root } = this;
    const at = new Int32Array(this.size);
    let length = HEADER; // the root's children stay in its table
    for (let u = 1; u < this.size; u++) {
      at[u] = length;
      length += HEADER;
      for (let k = firstChild[u]; k !== NONE; k = nextSibling[k]) length += 2;
    }
    const records = (this.records = new Int32Array(length));
    records[PATTERN] = -1;
    for (let u = 1; u < this.size; u++) {
      const r = at[u];
      records[r + PATTERN] = output[u];
      let p = r + HEADER;
      for (let k = firstChild[u]; k !== NONE; k = nextSibling[k]) {
        records[p++] = label[k];
        records[p++] = at[k];
      }
      records[r + COUNT] = (p - r - HEADER) / 2;
    }
    for (let c = 0; c < 65536; c++) if (root[c] !== NONE) root[c] = at[root[c]];
  }

  /** The node reached from record `node` on `c` along trie edges only, or NONE. */
  private childOf(node: number, c: number): number {
    if (node === 0) return this.root[c];
    const { records } = this;
    for (let k = node + HEADER, end = k + 2 * records[node + COUNT]; k < end; k += 2) if (records[k] === c) return records[k + 1];
    return NONE;
  }

  /** Failure links and first outputs, breadth first so a node's suffixes are linked before it. */
  private link(): void {
    this.compact();
    const { records, root } = this;
    const queue = new Int32Array(this.size);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < 65536; c++) if (root[c] !== NONE) queue[tail++] = root[c];
    for (let k = 0; k < tail; k++) records[queue[k] + REPORT] = records[queue[k] + PATTERN] !== -1 ? queue[k] : NONE;
    while (head < tail) {
      const u = queue[head++];
      for (let k = u + HEADER, end = k + 2 * records[u + COUNT]; k < end; k += 2) {
        const c = records[k];
        const v = records[k + 1];
        let f = records[u + FAIL];
        let target = this.childOf(f, c);
        while (target === NONE && f !== 0) {
          f = records[f + FAIL];
          target = this.childOf(f, c);
        }
        records[v + FAIL] = target;
        records[v + REPORT] = records[v + PATTERN] !== -1 ? v : records[target + REPORT];
        queue[tail++] = v;
      }
    }
  }

  /**
   * Every occurrence, overlapping ones included, as a flat list of (pattern index, end) pairs in order of
   * `end` (exclusive), longer patterns first at one end. A flat typed array keeps a scan with hundreds of
   * thousands of hits free of garbage.
   */
  search(text: string): Int32Array {
    let hits = new Int32Array(1024);
    let n = 0;
    const { root, records } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = NONE;
      for (;;) {
        if (node === 0) {
          next = root[c];
          break;
        }
        for (let k = node + HEADER, end = k + 2 * records[node + COUNT]; k < end; k += 2)
          if (records[k] === c) {
            next = records[k + 1];
            break;
          }
        if (next !== NONE) break;
        node = records[node + FAIL];
      }
      node = next;
      // each output node's next output is the first one on its failure node's chain
      for (let r = records[node + REPORT]; r !== NONE; r = records[records[r + FAIL] + REPORT]) {
        if (n + 2 > hits.length) {
          const grown = new Int32Array(hits.length * 2);
          grown.set(hits);
          hits = grown;
        }
        hits[n++] = records[r + PATTERN];
        hits[n++] = i + 1;
      }
    }
    return hits.subarray(0, n);
  }
}

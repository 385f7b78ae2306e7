/**
 * Multi-pattern exact search (Aho–Corasick) over UTF-16 code units. Aligning thousands of mentions with
 * one `indexOf` each would rescan a long document thousands of times; this scans it once.
 *
 * Nodes live in typed arrays: children as first-child / next-sibling lists (most nodes have one or two),
 * except the root, which has a direct table because nearly every character starts some pattern.
 */
const NONE = 0; // node 0 is the root, which is never anyone's child

/** An automaton over a fixed list of patterns; build once, search any number of texts. */
export class AhoCorasick {
  private size = 1;
  private firstChild = new Int32Array(1024);
  private nextSibling = new Int32Array(1024);
  private label = new Uint16Array(1024);
  private fail = new Int32Array(1024);
  private output = new Int32Array(1024).fill(-1);
  private dictLink = new Int32Array(1024);
  private readonly root = new Int32Array(65536);
  // After building, children are copied into one contiguous run per node: scanning a run of labels is
  // cache-friendly where chasing sibling links is not.
  private childStart = new Int32Array(0);
  private childEnd = new Int32Array(0);
  private childLabel = new Uint16Array(0);
  private childNode = new Int32Array(0);

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
    this.fail = resize(this.fail);
    this.output = resize(this.output, -1);
    this.dictLink = resize(this.dictLink);
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

  private compact(): void {
    const size = this.size;
    this.childStart = new Int32Array(size);
    this.childEnd = new Int32Array(size);
    this.childLabel = new Uint16Array(size);
    this.childNode = new Int32Array(size);
    let at = 0;
    for (let u = 1; u < size; u++) {
      this.childStart[u] = at;
      for (let k = this.firstChild[u]; k !== NONE; k = this.nextSibling[k]) {
        this.childLabel[at] = this.label[k];
        this.childNode[at++] = k;
      }
      this.childEnd[u] = at;
    }
  }

  /** The child of `node` labelled `c` in the compacted runs, or NONE. */
  private compactChild(node: number, c: number): number {
    if (node === 0) return this.root[c];
    const { childLabel, childNode } = this;
    for (let k = this.childStart[node], end = this.childEnd[node]; k < end; k++) if (childLabel[k] === c) return childNode[k];
    return NONE;
  }

  /** Failure and dictionary links, breadth first so a node's suffixes are linked before it. */
  private link(): void {
    this.compact();
    const queue = new Int32Array(this.size);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < 65536; c++) if (this.root[c] !== NONE) queue[tail++] = this.root[c];
    while (head < tail) {
      const u = queue[head++];
      for (let v = this.firstChild[u]; v !== NONE; v = this.nextSibling[v]) {
        const c = this.label[v];
        let f = this.fail[u];
        let target = this.compactChild(f, c);
        while (target === NONE && f !== 0) {
          f = this.fail[f];
          target = this.compactChild(f, c);
        }
        this.fail[v] = target;
        this.dictLink[v] = this.output[target] !== -1 ? target : this.dictLink[target];
        queue[tail++] = v;
      }
    }
  }

  /**
   * Every occurrence, overlapping ones included, as a flat list of (pattern index, end) pairs in order of
   * `end` (exclusive). A flat typed array keeps a scan with hundreds of thousands of hits free of garbage.
   */
  search(text: string): Int32Array {
    let hits = new Int32Array(1024);
    let n = 0;
    const { root, childStart, childEnd, childLabel, childNode, fail, output, dictLink } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = NONE;
      for (;;) {
        if (node === 0) {
          next = root[c];
          break;
        }
        for (let k = childStart[node], end = childEnd[node]; k < end; k++)
          if (childLabel[k] === c) {
            next = childNode[k];
            break;
          }
        if (next !== NONE) break;
        node = fail[node];
      }
      node = next;
      for (let k = output[node] !== -1 ? node : dictLink[node]; k !== NONE; k = dictLink[k]) {
        if (n + 2 > hits.length) {
          const grown = new Int32Array(hits.length * 2);
          grown.set(hits);
          hits = grown;
        }
        hits[n++] = output[k];
        hits[n++] = i + 1;
      }
    }
    return hits.subarray(0, n);
  }
}

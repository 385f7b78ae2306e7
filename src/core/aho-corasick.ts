/**
 * Multi-pattern exact search (Aho–Corasick) over UTF-16 code units. Aligning thousands of mentions with
 * one `indexOf` each would rescan a long document thousands of times; this scans it once.
 *
 * While building, children are first-child / next-sibling lists (most nodes have one or two), except the
 * root's, which are a direct table because nearly every character starts some pattern. The scan reads a
 * compact copy in which each node is one record, its children right after its own fields, and nodes are
 * named by where their record starts: a step reads one or two cache lines, and on a long text the scan
 * waits for memory far more than it computes. Children are (label, node) pairs, or, for a node with many
 * (the start of every next word after a space), a row indexed by the character's class: the characters of
 * the patterns numbered densely, so the row is short.
 *
 * A small automaton (a few hundred patterns: the folded search, a short document's mentions) is instead one
 * table of full transitions, failures resolved in advance: a row per node of one entry per class, so a step
 * is one read whatever the text does. A large one would not fit in the cache, where the compact records win.
 */
const NONE = 0; // the root's record starts at 0, and the root is never anyone's child

/** Fields of a record, then its children: COUNT (label, node) pairs, or a row when COUNT is ROW. */
const COUNT = 0;
const FAIL = 1;
/** The first node on the failure chain, itself included, that ends a pattern (NONE when none does). */
const REPORT = 2;
/** The index of the pattern the node ends, or -1. */
const PATTERN = 3;
/** For a node that ends a pattern, the next such node on its failure chain (NONE when none does). */
const NEXT = 4;
const HEADER = 5;
/** COUNT of a node whose children are a row of one entry per class (class 0: a character in no pattern). */
const ROW = -1;
/** Fewest children for a row, which must also take no more room than this many times their pairs. */
const ROW_CHILDREN = 8;
const ROW_ROOM = 4;

/** Fields of a row of the full table, then one transition (a row offset) per class. */
const DENSE_REPORT = 0;
/** The next node that ends a pattern on the failure chain of a node that ends one (NONE when none does). */
const DENSE_NEXT = 1;
const DENSE_PATTERN = 2;
const DENSE_HEADER = 3;
/** The most cells of a full table (4 MB); a larger automaton keeps the compact records. */
const DENSE_CELLS = 1 << 20;

/** How the automaton stores its transitions: by size, or one way whatever the size (to test both). */
export type Layout = 'auto' | 'compact' | 'full';

/** A root table and a class table, indexed by code unit (2 × 256 KB). */
interface UnitTables {
  root: Int32Array;
  classOf: Int32Array;
}

/**
 * Zeroed tables of automata that were built for one search: a short document's alignment builds two automata,
 * and fresh tables for each (half a megabyte each time) were most of its cost and its garbage.
 */
const spareTables: UnitTables[] = [];

/** An automaton over a fixed list of patterns; build once, search any number of texts. */
export class AhoCorasick {
  /** Every occurrence of the patterns in one text (see `search`), with the automaton's tables borrowed and given back. */
  static searchOnce(patterns: readonly string[], text: string): Int32Array {
    const tables = spareTables.pop() ?? { root: new Int32Array(65536), classOf: new Int32Array(65536) };
    const automaton = new AhoCorasick(patterns, tables);
    try {
      return automaton.search(text);
    } finally {
      // zeroed where this automaton wrote, so the next one finds them as new
      for (const c of automaton.rootUnits) tables.root[c] = 0;
      for (const c of automaton.unitOf) tables.classOf[c] = 0;
      spareTables.push(tables);
    }
  }

  private size = 1;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly label: Uint16Array;
  private readonly output: Int32Array;
  private readonly root: Int32Array;
  /** The code units the root has children on: no pass over all 65,536. */
  private readonly rootUnits: number[] = [];
  /** Class of each code unit in the patterns, from 1; 0 for the others. */
  private readonly classOf: Int32Array;
  /** The code unit of each class. */
  private unitOf = new Uint16Array(1);
  /** The compact copy: one record per node. */
  private records = new Int32Array(HEADER);
  /** The full table, when the automaton is small enough for one. */
  private table: Int32Array | null = null;

  /** Builds the automaton. Patterns should be distinct; an empty pattern never matches. */
  constructor(patterns: readonly string[], tables?: UnitTables, layout: Layout = 'auto') {
    this.root = tables?.root ?? new Int32Array(65536);
    this.classOf = tables?.classOf ?? new Int32Array(65536);
    let units = 1; // bounds the number of nodes
    for (const p of patterns) units += p.length;
    this.firstChild = new Int32Array(units);
    this.nextSibling = new Int32Array(units);
    this.label = new Uint16Array(units);
    this.output = new Int32Array(units).fill(-1);
    this.insert(patterns);
    this.classify();
    const cells = this.size * (DENSE_HEADER + this.unitOf.length);
    if (layout === 'full' || (layout === 'auto' && cells <= DENSE_CELLS)) this.fill();
    else this.link();
  }

  /** Numbers the patterns' code units densely from 1, in node order. */
  private classify(): void {
    const { label, classOf } = this;
    const units: number[] = [0];
    for (let u = 1; u < this.size; u++) if (classOf[label[u]] === 0) classOf[label[u]] = units.push(label[u]) - 1;
    this.unitOf = Uint16Array.from(units);
  }

  /**
   * Writes the full table, breadth first: a node's row starts as a copy of its failure node's (already
   * complete, being shallower), then its own children replace their entries.
   */
  private fill(): void {
    const { firstChild, nextSibling, label, output, root, classOf } = this;
    const width = DENSE_HEADER + this.unitOf.length;
    const table = (this.table = new Int32Array(this.size * width));
    const failRow = new Int32Array(this.size);
    const queue = new Int32Array(this.size);
    let tail = 0;
    for (const c of this.rootUnits) {
      table[DENSE_HEADER + classOf[c]] = root[c] * width;
      queue[tail++] = root[c];
    }
    for (let head = 0; head < tail; head++) {
      const u = queue[head];
      const row = u * width;
      const fail = failRow[u];
      table.copyWithin(row + DENSE_HEADER, fail + DENSE_HEADER, fail + width);
      table[row + DENSE_PATTERN] = output[u];
      table[row + DENSE_NEXT] = table[fail + DENSE_REPORT];
      table[row + DENSE_REPORT] = output[u] !== -1 ? row : table[fail + DENSE_REPORT];
      for (let k = firstChild[u]; k !== NONE; k = nextSibling[k]) {
        const entry = DENSE_HEADER + classOf[label[k]];
        failRow[k] = table[fail + entry];
        table[row + entry] = k * width;
        queue[tail++] = k;
      }
    }
  }

  /**
   * Builds the trie, each pattern along the nodes of its longest prefix already there (a child is found in
   * its parent's short list; the root's, in its table). The first of equal patterns keeps the node. Sorting
   * the patterns first would spare the lookups but cost more: thousands of string comparisons that each
   * read a long shared prefix.
   */
  private insert(patterns: readonly string[]): void {
    const { root, label, firstChild, nextSibling, output } = this;
    for (let index = 0; index < patterns.length; index++) {
      const pattern = patterns[index];
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charCodeAt(i);
        let next = NONE;
        if (node === 0) next = root[c];
        else for (let k = firstChild[node]; k !== NONE && next === NONE; k = nextSibling[k]) if (label[k] === c) next = k;
        if (next === NONE) {
          next = this.size++;
          label[next] = c;
          if (node === 0) {
            root[c] = next;
            this.rootUnits.push(c);
          } else {
            nextSibling[next] = firstChild[node];
            firstChild[node] = next;
          }
        }
        node = next;
      }
      if (node !== 0 && output[node] === -1) output[node] = index;
    }
  }

  /** Writes the compact copy, in depth-first order; the root's table then points at records too. */
  private compact(): void {
    const { firstChild, nextSibling, label, output, root, classOf } = this;
    const classes = this.unitOf.length - 1;
    const children = new Int32Array(this.size);
    const rowed = (u: number) => children[u] >= ROW_CHILDREN && classes + 1 <= ROW_ROOM * 2 * children[u];
    // One depth-first pass counts each node's children and places its record, so that a scan along one
    // pattern reads neighbouring records.
    const at = new Int32Array(this.size);
    const stack = new Int32Array(this.size);
    let top = 0;
    for (const c of this.rootUnits) stack[top++] = root[c];
    let length = HEADER; // the root's children stay in its table
    while (top > 0) {
      const u = stack[--top];
      for (let k = firstChild[u]; k !== NONE; k = nextSibling[k]) {
        children[u]++;
        stack[top++] = k;
      }
      at[u] = length;
      length += HEADER + (rowed(u) ? classes + 1 : 2 * children[u]);
    }
    const records = (this.records = new Int32Array(length));
    records[PATTERN] = -1;
    for (let u = 1; u < this.size; u++) {
      const r = at[u];
      records[r + PATTERN] = output[u];
      if (rowed(u)) {
        records[r + COUNT] = ROW;
        for (let k = firstChild[u]; k !== NONE; k = nextSibling[k]) records[r + HEADER + classOf[label[k]]] = at[k];
        continue;
      }
      records[r + COUNT] = children[u];
      let p = r + HEADER;
      for (let k = firstChild[u]; k !== NONE; k = nextSibling[k]) {
        records[p++] = label[k];
        records[p++] = at[k];
      }
    }
    for (const c of this.rootUnits) root[c] = at[root[c]];
  }

  /** Failure links and first outputs, breadth first so a node's suffixes are linked before it. */
  private link(): void {
    this.compact();
    const { records, root, unitOf, classOf } = this;
    const queue = new Int32Array(this.size);
    let head = 0;
    let tail = 0;
    for (const c of this.rootUnits) queue[tail++] = root[c];
    for (let k = 0; k < tail; k++) records[queue[k] + REPORT] = records[queue[k] + PATTERN] !== -1 ? queue[k] : NONE;
    while (head < tail) {
      const u = queue[head++];
      const rowed = records[u + COUNT] === ROW;
      const children = rowed ? unitOf.length - 1 : records[u + COUNT];
      for (let j = 0; j < children; j++) {
        // a row's entry j + 1 is the child on class j + 1; a list's pair j is (label, child)
        const v = rowed ? records[u + HEADER + 1 + j] : records[u + HEADER + 2 * j + 1];
        if (v === NONE) continue;
        const c = rowed ? unitOf[1 + j] : records[u + HEADER + 2 * j];
        let f = records[u + FAIL];
        let target = childOf(records, root, classOf, f, c);
        while (target === NONE && f !== 0) {
          f = records[f + FAIL];
          target = childOf(records, root, classOf, f, c);
        }
        records[v + FAIL] = target;
        records[v + REPORT] = records[v + PATTERN] !== -1 ? v : records[target + REPORT];
        records[v + NEXT] = records[target + REPORT];
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
    return this.table ? this.searchTable(text, this.table) : this.searchRecords(text);
  }

  // Both scans keep their list of hits and its length in locals: an object's fields would be read and
  // written back on every one of hundreds of thousands of hits.
  private searchTable(text: string, table: Int32Array): Int32Array {
    const { classOf } = this;
    let hits: Int32Array = new Int32Array(1024);
    let n = 0;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      row = table[row + DENSE_HEADER + classOf[text.charCodeAt(i)]];
      for (let r = table[row + DENSE_REPORT]; r !== NONE; r = table[r + DENSE_NEXT]) {
        if (n + 2 > hits.length) hits = grown(hits);
        hits[n++] = table[r + DENSE_PATTERN];
        hits[n++] = i + 1;
      }
    }
    return hits.subarray(0, n);
  }

  private searchRecords(text: string): Int32Array {
    let hits: Int32Array = new Int32Array(1024);
    let n = 0;
    const { root, records, classOf } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = NONE;
      for (;;) {
        if (node === 0) {
          next = root[c];
          break;
        }
        const count = records[node + COUNT];
        if (count === ROW) next = records[node + HEADER + classOf[c]];
        else
          for (let k = node + HEADER, end = k + 2 * count; k < end; k += 2)
            if (records[k] === c) {
              next = records[k + 1];
              break;
            }
        if (next !== NONE) break;
        node = records[node + FAIL];
      }
      node = next;
      for (let r = records[node + REPORT]; r !== NONE; r = records[r + NEXT]) {
        if (n + 2 > hits.length) hits = grown(hits);
        hits[n++] = records[r + PATTERN];
        hits[n++] = i + 1;
      }
    }
    return hits.subarray(0, n);
  }
}

/** The node reached from record `node` on `c` along trie edges only, or NONE. */
function childOf(records: Int32Array, root: Int32Array, classOf: Int32Array, node: number, c: number): number {
  if (node === 0) return root[c];
  const count = records[node + COUNT];
  if (count === ROW) return records[node + HEADER + classOf[c]];
  for (let k = node + HEADER, end = k + 2 * count; k < end; k += 2) if (records[k] === c) return records[k + 1];
  return NONE;
}

/** A list of hits four times as long (a long text has hundreds of thousands), with the same start. */
function grown(hits: Int32Array): Int32Array {
  const out = new Int32Array(hits.length * 4);
  out.set(hits);
  return out;
}

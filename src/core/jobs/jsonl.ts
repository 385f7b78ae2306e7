/**
 * Result files that grow one JSON line per finished item, so an interrupted run can resume: the ids already
 * written are skipped next time. A crash may leave the last line half-written; it is dropped (and its item run
 * again), never read as a result.
 */

export interface JsonlRecords {
  /** The complete records, in file order. */
  records: Record<string, unknown>[];
  /** The ids (`id` field, as strings) of those records. */
  ids: Set<string>;
  /** How many characters of the text are whole lines: the rest is a torn last line to cut before appending. */
  validLength: number;
  /** Lines that were not JSON objects with an id (1-based line numbers), other than a torn last line. */
  badLines: number[];
}

/** Reads a results file written line by line; tolerant of a torn last line. Never throws. */
export function readJsonlRecords(text: string): JsonlRecords {
  const records: Record<string, unknown>[] = [];
  const ids = new Set<string>();
  const badLines: number[] = [];
  // only text up to the last newline is certainly whole
  const validLength = text.endsWith('\n') ? text.length : text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, validLength).split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value: unknown = JSON.parse(line);
      const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
      if (typeof id === 'string' || typeof id === 'number') {
        records.push(value as Record<string, unknown>);
        ids.add(String(id));
        return;
      }
    } catch {
      // reported below
    }
    badLines.push(i + 1);
  });
  return { records, ids, validLength, badLines };
}

/** One record as a line to append. */
export const jsonlLine = (record: unknown) => `${JSON.stringify(record)}\n`;

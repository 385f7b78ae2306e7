/** Reading benchmark files with errors that point at a file and line. */
import { lineOfOffset, splitLines } from '../text.ts';
import { BenchmarkInputError } from './types.ts';
import type { InputFile } from './types.ts';

/**
 * Parses a whole JSON file.
 * @throws {BenchmarkInputError} with the line of the syntax error when the engine reports a position.
 */
export function parseJson(file: InputFile): unknown {
  const text = file.content.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column/.exec(message);
    const line = position ? lineOfOffset(text, Number(position[1])) : lineCol ? Number(lineCol[1]) : undefined;
    throw new BenchmarkInputError(file.path, line, `not valid JSON (${message})`);
  }
}

/**
 * The top-level keys of a JSON object in file order, with their lines. JavaScript objects put integer-like
 * keys (PMIDs) in numeric order, so the file order has to be read from the text.
 */
export function objectKeys(content: string): { key: string; line: number }[] {
  const keys: { key: string; line: number }[] = [];
  const lines = memberLines(content);
  let k = 0;
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === '"') {
      let j = i + 1;
      while (j < content.length && content[j] !== '"') j += content[j] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        keys.push({ key: JSON.parse(content.slice(i, j + 1)) as string, line: lines[k++] ?? 1 });
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectKey = c === '{';
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectKey = true;
  }
  return keys;
}

/**
 * 1-based line numbers of the top-level members of a JSON array or object (for an object, the line of each
 * key), so a bad record can be named by line although JSON.parse gives no positions.
 */
export function memberLines(content: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  let expectMember = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectMember && !/[\s,]/.test(c) && c !== ']' && c !== '}') {
      lines.push(line);
      expectMember = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectMember = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectMember = true;
  }
  return lines;
}

/** A JSON Lines record with its line number. */
export interface JsonLine {
  value: unknown;
  line: number;
}

/**
 * Parses JSON Lines, skipping blank lines.
 * @throws {BenchmarkInputError} naming the first line that is not JSON.
 */
export function parseJsonLines(file: InputFile): JsonLine[] {
  const out: JsonLine[] = [];
  splitLines(file.content.replace(/^\uFEFF/, '')).forEach((text, i) => {
    if (!text.trim()) return;
    try {
      out.push({ value: JSON.parse(text), line: i + 1 });
    } catch (e) {
      throw new BenchmarkInputError(file.path, i + 1, `not a JSON line (${(e as Error).message})`);
    }
  });
  return out;
}

/**
 * Records of a file that is either a JSON array or JSON Lines (CBLUE and MedQA ship both), with lines.
 * @throws {BenchmarkInputError} when it is neither.
 */
export function parseRecords(file: InputFile): JsonLine[] {
  if (/^\uFEFF?\s*\[/.test(file.content)) {
    const data = parseJson(file);
    if (!Array.isArray(data)) throw new BenchmarkInputError(file.path, 1, 'expected a JSON list');
    const lines = memberLines(file.content.replace(/^\uFEFF/, ''));
    return data.map((value, i) => ({ value, line: lines[i] ?? 1 }));
  }
  return parseJsonLines(file);
}

/** A tab-separated row with its line number. */
export interface TsvRow {
  cols: string[];
  line: number;
}

/** Non-blank lines of a TSV file, split on tabs. */
export function tsvRows(file: InputFile): TsvRow[] {
  const rows: TsvRow[] = [];
  splitLines(file.content.replace(/^\uFEFF/, '')).forEach((text, i) => {
    if (text.trim()) rows.push({ cols: text.split('\t'), line: i + 1 });
  });
  return rows;
}

/** True for a plain JSON object (not null, not an array). */
export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Exactly one file, or an error naming what the dataset expects.
 * @throws {BenchmarkInputError}
 */
export function single(files: readonly InputFile[], dataset: string, expected: string): InputFile {
  if (files.length !== 1)
    throw new BenchmarkInputError(
      files[1]?.path ?? '(no input)',
      undefined,
      `${dataset} takes one input file (${expected}), got ${files.length}`,
    );
  return files[0];
}

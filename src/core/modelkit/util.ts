/** Small helpers shared by the MLC and GGUF checks. */
import type { FileStat, IssueCode, ModelIssue, ModelReport, ModelSource, Severity } from './types.ts';

/** Collects issues in the order the checks find them, so the first error is the first blocking problem. */
export class IssueList {
  readonly items: ModelIssue[] = [];

  add(severity: Severity, code: IssueCode, file: string, field?: string, params?: ModelIssue['params']): void {
    const issue: ModelIssue = { severity, code, file };
    if (field !== undefined) issue.field = field;
    if (params !== undefined) issue.params = params;
    this.items.push(issue);
  }

  get ok(): boolean {
    return !this.items.some((issue) => issue.severity === 'error');
  }
}

/** The first blocking problem of a report, if any. */
export function firstBlockingIssue(report: ModelReport): ModelIssue | undefined {
  return report.issues.find((issue) => issue.severity === 'error');
}

export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `stat`, turning a failure to ask into a `file-unreadable` issue (e.g. a CORS-blocked URL). */
export async function statOrReport(source: ModelSource, path: string, issues: IssueList): Promise<FileStat | undefined | 'unreadable'> {
  try {
    return await source.stat(path);
  } catch (error) {
    issues.add('error', 'file-unreadable', path, undefined, { reason: reason(error) });
    return 'unreadable';
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Structural equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Formats bytes as MiB with one decimal, for params shown to people. */
export const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

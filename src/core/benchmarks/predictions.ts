/** Reading prediction files: JSON Lines of `{"id", "output"}`, the raw model text per example. */
import { isRecord, parseJsonLines } from './io.ts';
import { BenchmarkInputError } from './types.ts';
import type { InputFile } from './types.ts';

/**
 * Reads predictions into a map from id to output. Ids must belong to the dataset (`knownIds`) and appear
 * once; a numeric id is accepted for a string one.
 * @throws {BenchmarkInputError} naming the line of a malformed record, an unknown id or a repeated id.
 */
export function readPredictions(file: InputFile, knownIds: ReadonlySet<string>): Map<string, string> {
  const outputs = new Map<string, string>();
  const firstLine = new Map<string, number>();
  for (const { value: r, line } of parseJsonLines(file)) {
    if (!isRecord(r)) throw new BenchmarkInputError(file.path, line, 'expected an object {"id", "output"}');
    if (typeof r.id !== 'string' && typeof r.id !== 'number') throw new BenchmarkInputError(file.path, line, 'missing "id" (string)');
    if (typeof r.output !== 'string') throw new BenchmarkInputError(file.path, line, `missing "output" (string) for id ${r.id}`);
    const id = String(r.id);
    if (!knownIds.has(id)) throw new BenchmarkInputError(file.path, line, `prediction for unknown id "${id}" (not in the dataset's input)`);
    const seen = firstLine.get(id);
    if (seen) throw new BenchmarkInputError(file.path, line, `second prediction for id "${id}" (first on line ${seen})`);
    firstLine.set(id, line);
    outputs.set(id, r.output);
  }
  return outputs;
}

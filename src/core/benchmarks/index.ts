/** The 13 benchmark datasets by name, loading with checks common to all, scoring and prediction files. */
import { chemdner } from './chemdner.ts';
import { cmeee, cmeie, kuakeQic } from './cblue.ts';
import { hoc, litcovid } from './classification.ts';
import { bc5cdrChem, bc5cdrCid, bc5cdrDisease, ncbiDisease } from './pubtator-sets.ts';
import { medqaMcmle, medqaUsmle, pubmedqa } from './qa-sets.ts';
import { BenchmarkInputError } from './types.ts';
import type { BenchmarkDataset, DatasetName, InputFile, LoadResult } from './types.ts';

export const DATASETS: Readonly<Record<DatasetName, BenchmarkDataset>> = {
  'bc5cdr-chem': bc5cdrChem,
  'bc5cdr-disease': bc5cdrDisease,
  'bc5cdr-cid': bc5cdrCid,
  'ncbi-disease': ncbiDisease,
  chemdner,
  cmeee,
  cmeie,
  litcovid,
  hoc,
  'kuake-qic': kuakeQic,
  pubmedqa,
  'medqa-usmle': medqaUsmle,
  'medqa-mcmle': medqaMcmle,
};

/**
 * Loads a dataset from its original files and checks that example ids are unique (predictions are matched
 * by id).
 * @throws {BenchmarkInputError} naming file and line when the input is unusable.
 */
export function loadBenchmark(name: DatasetName, files: readonly InputFile[]): LoadResult {
  if (files.length === 0) throw new BenchmarkInputError('(no input)', undefined, `${name} needs ${DATASETS[name].files}`);
  for (const f of files) if (!f.content.trim()) throw new BenchmarkInputError(f.path, undefined, 'file is empty');
  const result = DATASETS[name].load(files);
  if (result.examples.length === 0) throw new BenchmarkInputError(files[0].path, undefined, `no ${name} examples found`);
  const seen = new Set<string>();
  for (const ex of result.examples) {
    if (seen.has(ex.id))
      throw new BenchmarkInputError(files.map((f) => f.path).join(', '), undefined, `example id "${ex.id}" occurs twice`);
    seen.add(ex.id);
  }
  return result;
}

export * from './types.ts';
export { scoreBenchmark, spanMetrics } from './score.ts';
export type { AccuracyDetail, BenchmarkMetrics, F1Detail, ScoreOptions } from './score.ts';
export { readPredictions } from './predictions.ts';
export { findVariant, predictVariant, promptId, promptVariants } from './variants.ts';
export type { PromptVariant, VariantPrompt } from './variants.ts';
export { generationFor, SCORING_GENERATION } from './generation.ts';
export type { GenerationSettings } from './generation.ts';

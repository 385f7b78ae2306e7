/**
 * Running many documents: `runJobs` steps through items with bounded concurrency (the corpus CLIs), and the
 * page's job queue on top of it keeps every document's status and result in a store, resumable after a crash.
 */
export { runJobs, type JobOutcome, type JobProgress, type JobRunOptions, type JobRunSummary } from './runner.ts';
export { readJsonlRecords, jsonlLine, type JsonlRecords } from './jsonl.ts';
export { extractDocument, EXTRACT_TASKS, type ExtractInput, type ExtractSettings, type ExtractTask, type Extraction } from './extract.ts';
export * from './types.ts';
export * from './queue.ts';
export * from './progress.ts';

/** Batch runs over many documents: bounded concurrency, resumable result files. */
export { runJobs, type JobOutcome, type JobProgress, type JobRunOptions, type JobRunSummary } from './runner.ts';
export { readJsonlRecords, jsonlLine, type JsonlRecords } from './jsonl.ts';
export { extractDocument, EXTRACT_TASKS, type ExtractInput, type ExtractSettings, type ExtractTask, type Extraction } from './extract.ts';

/** The job queue: documents run one by one (or a few at a time) through a task, resumable after a crash. */
export * from './types.ts';
export * from './queue.ts';
export * from './progress.ts';

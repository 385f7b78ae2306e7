/**
 * Why llama.cpp refused to load a model. A failed load says little in its exception or its `success: false`; the
 * reason is somewhere in the native log, and often not on the last line ("insufficient memory … failed to allocate
 * buffer for kv cache" comes before "failed to create_context"). So the whole log of the load is read.
 */
import { EngineError, classifyMessage } from './errors';

/** Log lines that say something went wrong (the rest is chatter). */
const PROBLEM = /error|failed|invalid|corrupt|insufficient|not within|unable|cannot|could not/i;
/** Memory that ran out: the model file is fine, the device (or the context asked for) is too big. */
const MEMORY =
  /insufficient memory|out of memory|failed to allocate|could not allocate|bad_alloc|Cannot enlarge memory|Array buffer allocation failed|\bOOM\b/i;
/**
 * The model was read, then its context could not be made: the file is fine, and what the context needs (memory for
 * its KV cache, above all) is the usual reason.
 */
const CONTEXT = /failed to (?:initialize|create)[ _](?:the )?context|failed to create_context/i;
/** Lines kept for the detail: the first problems are usually the cause, the later ones their consequences. */
const DETAIL_LINES = 6;

/** Collects the native log of one load, bounded. */
export class LoadLog {
  private lines: string[] = [];

  add(line: string): void {
    if (PROBLEM.test(line) && this.lines.length < 200) this.lines.push(line.trim());
  }

  clear(): void {
    this.lines = [];
  }

  get problems(): readonly string[] {
    return this.lines;
  }
}

/**
 * The error for a failed load, from the whole log of it and what was thrown (if anything).
 * Memory beats everything (the file is not at fault, so it must be kept); then the usual rules; what no rule
 * knows is the file's fault.
 * @param contextSize the context asked for, named in an out-of-memory detail
 */
export function loadFailure(problems: readonly string[], thrown: string | undefined, url: string, contextSize: number): EngineError {
  const lines = [...new Set([...problems, ...(thrown ? [thrown] : [])])];
  const all = lines.join('\n');
  const detail = lines.slice(0, DETAIL_LINES).join('\n');
  if (MEMORY.test(all) || CONTEXT.test(all))
    return new EngineError(
      'out-of-memory',
      `llama.cpp ran out of memory loading ${url} with a context of ${contextSize} tokens; the downloaded file is kept. A smaller context_window_size needs less memory.\n${detail}`,
    );
  const code = classifyMessage(all);
  // at load time nothing has been generated yet: a "context" complaint is about the file or the settings
  return new EngineError(
    code && code !== 'context-overflow' ? code : 'bad-model-file',
    `llama.cpp could not load ${url}${detail ? `:\n${detail}` : ''}`,
  );
}

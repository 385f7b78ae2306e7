/**
 * The plan of a long document's run: chunks whose whole prompts fit the loaded model's context with room for the
 * answer, sized with the model's own tokenizer when the engine can count, so the number of parts shown when the
 * run starts is the number that runs. The work is done in slices that give the thread back between frames.
 */
import {
  DEFAULT_ANSWER_TOKENS,
  TAIYI_CONTEXT_TOKENS,
  estimateTokens,
  groupSentences,
  sentencesOf,
  shiftSpans,
  chunkText,
  textBudget,
  type Chunk,
} from './chunk.ts';

/** Tokens of each whole prompt as the model receives it, or null when the engine cannot count. */
export type TokenCounter = (prompts: readonly string[]) => Promise<number[] | null>;

export interface PlanOptions {
  /** The loaded model's context window (Taiyi's when unknown). */
  contextTokens?: number;
  /** Tokens kept for the answer (the max-tokens setting). */
  answerTokens?: number;
  /** The model's tokenizer; without it (or when it answers null) chunks rest on the estimate alone. */
  count?: TokenCounter | null;
  /** Gives the thread back between slices of work; the next macrotask by default. */
  pause?: () => Promise<void>;
}

export interface ChunkPlan {
  chunks: Chunk[];
  /** Every chunk's prompt was counted by the model's tokenizer (otherwise: estimated). */
  counted: boolean;
}

/** Longest stretch of planning work between two pauses: well inside a frame. */
const SLICE_MS = 8;
/** Chunks counted to learn how the model's tokenizer compares with the estimate on this document. */
const CALIBRATION_CHUNKS = 8;
/** Headroom left when a chunk that overflowed is cut again (a tokenizer is not linear in the text). */
const RESPLIT_MARGIN = 0.9;
/** Rounds of counting and cutting again; one or two suffice in practice. */
const MAX_ROUNDS = 6;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Splits and estimates in slices of at most SLICE_MS. */
async function measureSentences(text: string, pause: () => Promise<void>) {
  const sentences: Chunk[] = [];
  const costs: number[] = [];
  let since = performance.now();
  for (const sentence of sentencesOf(text)) {
    sentences.push(sentence);
    costs.push(estimateTokens(sentence.text));
    if ((sentences.length & 63) === 0 && performance.now() - since > SLICE_MS) {
      await pause();
      since = performance.now();
    }
  }
  return { sentences, costs };
}

/**
 * Plans the chunks of `text` for prompts built by `buildPrompt`: each prompt, wording and wire format included,
 * fits `contextTokens - answerTokens`. With a counter, the estimate is calibrated on the document's first chunks,
 * then every chunk is counted and one that still overflows is cut again and counted again. Chunks are
 * sentence-aligned, cover the text in order and carry document offsets.
 */
export async function planChunks(text: string, buildPrompt: (chunkText: string) => string, options: PlanOptions = {}): Promise<ChunkPlan> {
  const context = options.contextTokens ?? TAIYI_CONTEXT_TOKENS;
  const answer = options.answerTokens ?? DEFAULT_ANSWER_TOKENS;
  const pause = options.pause ?? nextTask;
  const { sentences, costs } = await measureSentences(text, pause);
  const estimated = groupSentences(text, sentences, costs, textBudget(estimateTokens(buildPrompt('')), context, answer));
  const count = options.count;
  if (!count) return { chunks: estimated, counted: false };
  const sample = estimated.slice(0, CALIBRATION_CHUNKS);
  // one request: the prompt's own wording, and the first chunks to calibrate the estimate on
  const counted = await count([buildPrompt(''), ...sample.map((c) => buildPrompt(c.text))]);
  if (!counted) return { chunks: estimated, counted: false };
  const [overhead, ...sampleCounts] = counted as [number, ...number[]];
  const limit = context - answer;
  // a text that fits in one prompt (the usual case) is planned with that one request
  if (estimated.length === 1 && sampleCounts[0]! <= limit) return { chunks: estimated, counted: true };

  const room = Math.max(32, limit - overhead);
  const real = sum(sampleCounts) - overhead * sample.length;
  const guessed = sum(sample.map((c) => estimateTokens(c.text)));
  // tokens the model spends per estimated token on this document
  const ratio = real > 0 && guessed > 0 ? real / guessed : 1;
  await pause();

  const fitted: Chunk[] = [];
  let pending = groupSentences(text, sentences, costs, Math.max(1, Math.floor(room / ratio)));
  for (let round = 0; pending.length && round < MAX_ROUNDS; round++) {
    const counts = await count(pending.map((c) => buildPrompt(c.text)));
    if (!counts) return { chunks: estimated, counted: false };
    const again: Chunk[] = [];
    pending.forEach((chunk, i) => {
      const tokens = counts[i]!;
      if (tokens <= limit) {
        fitted.push(chunk);
        return;
      }
      // smaller in proportion to the overflow; a chunk that cannot get smaller is left to the run, which halves
      // a prompt the engine refuses
      const target = Math.floor((estimateTokens(chunk.text) * room * RESPLIT_MARGIN) / Math.max(1, tokens - overhead));
      const parts = shiftSpans(chunkText(chunk.text, Math.max(1, target)), chunk.start);
      if (parts.length > 1) again.push(...parts);
      else fitted.push(chunk);
    });
    pending = again;
    await pause();
  }
  fitted.push(...pending);
  fitted.sort((a, b) => a.start - b.start);
  return { chunks: fitted, counted: true };
}

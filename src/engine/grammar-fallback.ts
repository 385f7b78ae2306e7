/**
 * Grammar-constrained runs with a way out: when the engine refuses the grammar (it cannot parse or compile it)
 * the run goes ahead unconstrained and the result says so, so the user is told and nothing is lost.
 */
import type { GenerateResult } from './types';

/** How the engines word a refused grammar: llama.cpp "failed to parse grammar", xgrammar `GrammarMatcherInitError`. */
const GRAMMAR_REFUSED = /grammar/i;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Runs `run` with `grammar`; if that fails before any text streamed, in words about the grammar, runs it again
 * without one and marks the result `rejected` with the engine's reason. Other failures propagate unchanged.
 * @throws whatever `run` throws for reasons other than the grammar
 */
export async function runWithGrammar<G>(
  grammar: G | undefined,
  onToken: (piece: string) => void,
  run: (grammar: G | undefined, onToken: (piece: string) => void) => Promise<GenerateResult>,
): Promise<GenerateResult> {
  if (grammar === undefined) return run(undefined, onToken);
  let streamed = false;
  try {
    const result = await run(grammar, (piece) => {
      streamed = true;
      onToken(piece);
    });
    return { ...result, grammar: 'applied' };
  } catch (err) {
    // text already shown cannot be taken back: a failure mid-answer is the run's, not a refusal up front
    if (streamed || !GRAMMAR_REFUSED.test(messageOf(err))) throw err;
    const result = await run(undefined, onToken);
    return { ...result, grammar: 'rejected', grammarError: messageOf(err) };
  }
}

import { createTokenBatcher, FLUSH_INTERVAL_MS, MAX_FLUSH_INTERVAL_MS } from '../core/tokenBatcher';

/**
 * How often the page shows a stream, paced by what showing it costs on this machine. Each flush of streamed text
 * is timed on the main thread together with the frame that draws it (from the frame's animation callbacks to the
 * first task after it), and the pause before the next flush is at least that cost ÷ `DISPLAY_SHARE`, ten flushes
 * a second at most. A machine that draws a frame in a millisecond or two sees ten updates a second; a slow one, or
 * one whose cores the engine keeps busy, sees fewer and larger ones, and the engine keeps the cores. Engine workers
 * are asked to post at the same pace (`GenerateRequest.streamEveryMs`).
 */
const DISPLAY_SHARE = 0.025;
/** Weight of the newest measurement in the running cost. */
const SMOOTHING = 0.3;

/** The running cost (ms) of one flush and its frame on this page, shared by every stream. */
let flushCostMs = 0;
let timing = false;

/** The pause the next flush of a stream waits for. */
export const displayInterval = (): number => Math.min(MAX_FLUSH_INTERVAL_MS, Math.max(FLUSH_INTERVAL_MS, flushCostMs / DISPLAY_SHARE));

/** Adds one flush's measured cost (ms) to the running cost. */
export function recordFlushCost(ms: number): void {
  flushCostMs = flushCostMs === 0 ? ms : flushCostMs + SMOOTHING * (ms - flushCostMs);
}

/** Times the next frame on the main thread: from its animation callbacks to the first task after it. */
function timeNextFrame(done: (ms: number) => void): void {
  if (typeof requestAnimationFrame === 'undefined') return done(0);
  requestAnimationFrame(() => {
    const start = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done(performance.now() - start);
    };
    channel.port2.postMessage(null);
  });
}

/** A token batcher for a stream this page shows: `show` gets the pieces, paced by `displayInterval`. */
export function createDisplayBatcher(show: (text: string) => void) {
  return createTokenBatcher((text) => {
    const start = performance.now();
    show(text);
    const own = performance.now() - start;
    // one frame timed at a time (a hidden tab draws none, and then nothing is recorded)
    if (timing) return;
    timing = true;
    timeNextFrame((frame) => {
      timing = false;
      recordFlushCost(own + frame);
    });
  }, displayInterval);
}

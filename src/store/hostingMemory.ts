/**
 * The answers of the registry's hosting check, kept for the tab's session: a reload within a few minutes asks the
 * site nothing again (offline too, where the browser may still say it is online). Only definite answers are kept.
 */
import type { Hosting } from '../engine/hosting';

const KEY = 'taiyi.hosting';
/** As long as the model list itself may be cached (`max-age=600`). */
const KEPT_MS = 10 * 60_000;

type Kept = Record<string, { hosting: Hosting; at: number }>;

function read(): Kept {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Kept;
  } catch {
    return {};
  }
}

/** The answer kept for `url`, if it is recent. */
export function keptHosting(url: string, now = Date.now()): Hosting | null {
  const kept = read()[url];
  return kept && now - kept.at < KEPT_MS ? kept.hosting : null;
}

/** Keeps a definite answer (`hosted`, `missing`) for `url`. */
export function keepHosting(url: string, hosting: Hosting, now = Date.now()): void {
  if (hosting === 'unknown') return;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...read(), [url]: { hosting, at: now } }));
  } catch {
    // storage full or refused: the next visit asks again
  }
}

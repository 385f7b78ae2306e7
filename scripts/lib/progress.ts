/** A progress bar with rate and ETA on stderr (cli-progress); plain lines when stderr is not a terminal. */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, failed: number): void;
  stop(): void;
}

export function progressBar(total: number, unit: string): Progress {
  const bar = new SingleBar({
    format: `{bar} {value}/{total} ${unit} | {rate}/min | ETA {eta_formatted} | {failed} failed`,
    stream: process.stderr,
    noTTYOutput: !process.stderr.isTTY,
    notTTYSchedule: 5000,
    etaBuffer: 20,
    hideCursor: true,
  });
  const started = Date.now();
  bar.start(total, 0, { rate: '0', failed: 0 });
  return {
    update: (done, failed) => bar.update(done, { rate: ((done * 60_000) / Math.max(1, Date.now() - started)).toFixed(1), failed }),
    stop: () => bar.stop(),
  };
}

/** Reading a picked file in a worker made for that one reading, so a large file never freezes the page. */

/** Up to this size a file is read in place: its parse takes less than a worker's start. */
export const IN_PLACE_BYTES = 256 * 1024;

/**
 * Posts `message` to `worker`, resolves with its one reply (or with `stopped`'s outcome when the worker fails) and
 * ends the worker.
 */
export function readInWorker<T>(worker: Worker, message: unknown, stopped: (why: string) => T): Promise<T> {
  return new Promise<T>((resolve) => {
    worker.onmessage = (e: MessageEvent<T>) => resolve(e.data);
    worker.onerror = (e) => resolve(stopped(e.message || 'the file reader stopped'));
    worker.postMessage(message);
  }).finally(() => worker.terminate());
}

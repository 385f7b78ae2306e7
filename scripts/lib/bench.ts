/** What the browser benches share: the built page served by Vite's preview, the budget verdict, the exit code. */
import { preview } from 'vite';

/** Serves the built page (`vite build` first) on a free local port. */
export async function previewApp(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await preview({ root, logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no URL');
  return { url, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}

/** Names the budgets exceeded (`false` for one that was kept) and makes the bench exit non-zero then. */
export function reportBudgets(over: readonly (string | false)[]): void {
  const exceeded = over.filter(Boolean);
  if (!exceeded.length) return;
  console.error(`over budget: ${exceeded.join(', ')}`);
  process.exitCode = 1;
}

/** Runs a bench's main: an error is printed as one line and fails the run. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

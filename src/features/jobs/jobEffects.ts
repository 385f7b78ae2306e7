/**
 * While a job runs, wherever the user is in the page: the tab title shows its progress, the screen is asked
 * to stay awake (Screen Wake Lock, where the browser has it), and closing the tab asks first.
 */
import { jobProgress, progressTitle } from '../../core/jobs';
import { useJobs } from '../../store/jobs';
import { throttle } from '../../core/throttle';

type WakeLock = { release(): Promise<void>; released?: boolean };
type WakeLockApi = { request(type: 'screen'): Promise<WakeLock> };

let installed = false;
/** The title follows a running job at most this often: each change of it costs the browser far more than a render. */
const TITLE_MS = 1000;

export function installJobEffects(): void {
  if (installed || typeof document === 'undefined') return;
  installed = true;
  const baseTitle = document.title;
  let lock: WakeLock | null = null;
  let active = false;

  const wakeLock = () => (navigator as unknown as { wakeLock?: WakeLockApi }).wakeLock;
  const keepAwake = async () => {
    if (!active || (lock && !lock.released) || document.visibilityState !== 'visible') return;
    try {
      lock = (await wakeLock()?.request('screen')) ?? null;
    } catch {
      // refused (battery saver, no permission): the job runs all the same
    }
  };
  const warn = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    // older browsers show the prompt only when a value is set
    e.returnValue = '';
  };
  // the browser drops the lock when the tab is hidden; take it again on return
  document.addEventListener('visibilitychange', () => void keepAwake());

  let title = baseTitle;
  const showTitle = throttle(() => {
    if (document.title !== title) document.title = title;
  }, TITLE_MS);

  useJobs.subscribe((s, old) => {
    // streamed text changes the store many times a second; the title follows the jobs alone
    if (s.jobs === old.jobs && s.runningId === old.runningId) return;
    const job = s.runningId ? s.jobs.find((j) => j.id === s.runningId) : undefined;
    title = job ? progressTitle(jobProgress(job), baseTitle) : baseTitle;
    // the end of a job shows at once
    if (!job) showTitle.now();
    else showTitle.schedule();
    if (!!job === active) return;
    active = !!job;
    if (active) {
      window.addEventListener('beforeunload', warn);
      void keepAwake();
    } else {
      window.removeEventListener('beforeunload', warn);
      void lock?.release().catch(() => undefined);
      lock = null;
    }
  });
}

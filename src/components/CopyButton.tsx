import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type CopyStatus = 'idle' | 'copied' | 'failed';

/** How long "copied" or the refusal stays on show before the button reads as before. */
export const COPY_STATUS_MS = 4000;

interface CopyButtonProps {
  /** The text to copy, read when clicked. */
  text: () => string;
  label: string;
  /** What to say when the browser refuses (defaults to a general line). */
  failedMessage?: string;
  testId?: string;
  /** Told of every outcome, e.g. to show the text for selecting by hand after a refusal. */
  onStatus?: (status: CopyStatus) => void;
}

/** Copies text to the clipboard; says "copied" on the button, and in a status line when the browser refuses. */
export function CopyButton({ text, label, failedMessage, testId, onStatus }: CopyButtonProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CopyStatus>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const show = (next: CopyStatus) => {
    clearTimeout(timer.current);
    setStatus(next);
    onStatus?.(next);
    if (next !== 'idle') timer.current = setTimeout(() => show('idle'), COPY_STATUS_MS);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      show('copied');
    } catch {
      // refused (permissions, insecure origin) or no clipboard at all
      show('failed');
    }
  };

  return (
    <>
      <button type="button" data-testid={testId} onClick={() => void copy()}>
        {status === 'copied' ? t('copy.copied') : label}
      </button>
      <span className="hint" role="status" data-testid={testId && `${testId}-status`}>
        {status === 'failed' ? (failedMessage ?? t('copy.failed')) : ''}
      </span>
    </>
  );
}

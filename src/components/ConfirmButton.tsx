import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

interface ConfirmButtonProps {
  /** The button that asks, and the name of the question group. */
  label: string;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void;
  /** While true the button is disabled and shows `busyLabel`. */
  busy?: boolean;
  busyLabel?: string;
  /** Styles the asking button as destructive too (the "yes" button always is). */
  danger?: boolean;
  testId?: string;
  confirmTestId?: string;
  /** The asking button's accessible name, when its label alone is ambiguous (one "Delete" per table row). */
  ariaLabel?: string;
}

/**
 * A destructive action behind one question: the button opens "yes / no" with the safe answer focused; Escape or
 * "no" closes it and gives focus back to the button.
 */
export function ConfirmButton({
  label,
  question,
  yes,
  no,
  onConfirm,
  busy,
  busyLabel,
  danger,
  testId,
  confirmTestId,
  ariaLabel,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking || !returnFocus.current) return;
    returnFocus.current = false;
    trigger.current?.focus();
  }, [asking]);
  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') cancel();
  };

  if (!asking)
    return (
      <button
        ref={trigger}
        type="button"
        className={danger ? 'danger' : undefined}
        data-testid={testId}
        aria-label={ariaLabel}
        disabled={busy}
        onClick={() => setAsking(true)}
      >
        {busy && busyLabel ? busyLabel : label}
      </button>
    );
  return (
    <div className="confirm" role="group" aria-label={ariaLabel ?? label} onKeyDown={onKeyDown}>
      <p>{question}</p>
      <button
        type="button"
        className="danger"
        data-testid={confirmTestId}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {yes}
      </button>
      <button type="button" onClick={cancel} autoFocus>
        {no}
      </button>
    </div>
  );
}

interface ProgressBarProps {
  /** 0..1, or null when the amount of work is unknown. */
  fraction: number | null;
  label: string;
  detail?: string;
}

/** A native progress bar with its percentage and details spelled out, so it does not rely on the bar alone. */
export function ProgressBar({ fraction, label, detail }: ProgressBarProps) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress">
      <div className="progress-head">
        <span>{label}</span>
        {percent !== null && <span className="progress-percent">{percent}%</span>}
      </div>
      <progress max={100} value={percent ?? undefined} aria-label={label} />
      {detail && <div className="progress-detail">{detail}</div>}
    </div>
  );
}

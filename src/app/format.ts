/** Human-readable sizes and durations for progress and statistics. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A duration in the user's language (`3 min 20 sec`, `3分钟 20秒`). */
export function formatSeconds(seconds: number, locale: string): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const unit = (name: 'second' | 'minute' | 'hour', value: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return unit('second', Math.ceil(seconds));
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${unit('minute', m)} ${unit('second', Math.round(seconds % 60))}` : `${unit('hour', Math.floor(m / 60))} ${unit('minute', m % 60)}`;
}

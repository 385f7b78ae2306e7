/** Human-readable sizes and durations for progress and statistics. */
const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

type UnitName = (typeof BYTE_UNITS)[number] | 'second' | 'minute' | 'hour';
const formatters = new Map<string, Intl.NumberFormat>();

/** A unit formatter, made once per language, unit and precision: making one costs far more than using it. */
function unitFormat(locale: string, unit: UnitName, digits?: number): Intl.NumberFormat {
  const key = `${locale}\u0000${unit}\u0000${digits ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    const precision = digits === undefined ? {} : { maximumFractionDigits: digits, minimumFractionDigits: digits };
    format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', ...precision });
    formatters.set(key, format);
  }
  return format;
}

/**
 * The size units of the page's own languages as Intl writes them (`unitDisplay: 'short'`), so their sizes are
 * written without Intl: the first unit formatter of a page costs tens of milliseconds, in the first render (the
 * model picker's sizes). Both write a decimal point and group no digits below 1,000.
 */
const SIZE_SYMBOLS: Record<string, readonly string[]> = {
  en: ['byte', 'kB', 'MB', 'GB', 'TB'],
  zh: ['B', 'kB', 'MB', 'GB', 'TB'],
};

/** The page's language, as `<html lang>` carries it (it follows the UI language). */
const pageLocale = () => (typeof document !== 'undefined' && document.documentElement.lang) || 'en';

/**
 * A size in the user's language, in SI units (`4.1 kB`, `1.2 GB`): the one formatter for every size the page
 * shows, so the picker, the storage manager and the folder import agree.
 */
export function formatBytes(bytes: number, locale: string = pageLocale()): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  const symbols = SIZE_SYMBOLS[locale.toLowerCase().split('-')[0]];
  const written = v.toFixed(digits);
  if (symbols && Number(written) < 1000) return `${written} ${symbols[i]}`;
  return unitFormat(locale, BYTE_UNITS[i], digits).format(v);
}

/** A duration in the user's language (`3 min 20 sec`, `3分钟 20秒`). */
export function formatSeconds(seconds: number, locale: string): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const unit = (name: 'second' | 'minute' | 'hour', value: number) => unitFormat(locale, name).format(value);
  if (seconds < 60) return unit('second', Math.ceil(seconds));
  const m = Math.floor(seconds / 60);
  return m < 60
    ? `${unit('minute', m)} ${unit('second', Math.round(seconds % 60))}`
    : `${unit('hour', Math.floor(m / 60))} ${unit('minute', m % 60)}`;
}

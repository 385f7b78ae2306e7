/**
 * What the page remembers about model servers: which hosts the user agreed to send text to (once per host), and
 * API keys. A key lives in memory for this visit; only when the user ticks "remember on this device" is it written
 * to localStorage (by model id), and removing the model forgets it.
 */
const CONSENT_KEY = 'taiyi.serverConsent';
const KEYS_KEY = 'taiyi.serverKeys';

const memoryKeys = new Map<string, string>();

function readJson<T>(key: string, fallback: T): T {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return value && typeof value === typeof fallback ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: it holds for this visit only
  }
}

const consented = () => readJson<string[]>(CONSENT_KEY, []).filter((o) => typeof o === 'string');

/** Whether the user already agreed to send text to this origin (`http://host:port`). */
export const hasConsent = (origin: string) => consented().includes(origin);

export function giveConsent(origin: string) {
  if (!hasConsent(origin)) writeJson(CONSENT_KEY, [...consented(), origin]);
}

/** The API key of a server model: this visit's, else the remembered one. */
export function serverKey(id: string): string | undefined {
  return memoryKeys.get(id) ?? readJson<Record<string, string>>(KEYS_KEY, {})[id];
}

/** Keeps a key for this visit, and on this device only when `remember` is set (an unticked box forgets it). */
export function setServerKey(id: string, key: string | undefined, remember: boolean) {
  const stored = readJson<Record<string, string>>(KEYS_KEY, {});
  delete stored[id];
  if (key) {
    memoryKeys.set(id, key);
    if (remember) stored[id] = key;
  } else memoryKeys.delete(id);
  writeJson(KEYS_KEY, stored);
}

export function forgetServerKey(id: string) {
  setServerKey(id, undefined, false);
}

/**
 * Tells this site's other open tabs what one tab did to the shared storage: models deleted (their lists go stale)
 * or all data cleared (a tab that lived on would write its model list and settings straight back).
 */
export type SiteMessage = { kind: 'models-deleted'; keptIds: string[] } | { kind: 'cleared' };

const NAME = 'taiyi-site';
let channel: BroadcastChannel | null = null;

function open(): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  channel ??= new BroadcastChannel(NAME);
  return channel;
}

/** Sends to every other tab of the site (a tab never receives its own message). */
export function tellOtherTabs(message: SiteMessage): void {
  open()?.postMessage(message);
}

/** Calls `handler` for each message from another tab; returns the unsubscribe. */
export function onOtherTabs(handler: (message: SiteMessage) => void): () => void {
  const ch = open();
  if (!ch) return () => undefined;
  const listener = (e: MessageEvent<SiteMessage>) => handler(e.data);
  ch.addEventListener('message', listener);
  return () => ch.removeEventListener('message', listener);
}

import { useTranslation } from 'react-i18next';
import { loadedEntry, useModel } from '../../store/model';

/** Shown in the header while a server model is loaded: the text typed here goes to that host, not this device. */
export function ServerBadge() {
  const { t } = useTranslation();
  const entry = useModel(loadedEntry);
  if (entry?.engine !== 'openai') return null;
  const host = new URL(entry.url).host;
  return (
    <span className="server-badge" data-testid="server-badge" data-host={host} title={t('server.badgeTitle', { host })}>
      <span aria-hidden="true">⇄ </span>
      {t('server.badge', { host })}
    </span>
  );
}

/** The footer's privacy line, which must not promise that text stays here while it goes to a server. */
export function PrivacyLine() {
  const { t } = useTranslation();
  const entry = useModel(loadedEntry);
  return (
    <p data-testid="privacy-line">{entry?.engine === 'openai' ? t('privacyServer', { host: new URL(entry.url).host }) : t('privacy')}</p>
  );
}

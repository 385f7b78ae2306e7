import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import './offline.css';
import { postponeUpdate, startServiceWorker, updateNow, useOffline } from './serviceWorker';

/** Registers the offline service worker, and says so when a new deployment waits to take over. */
export function UpdatePrompt() {
  const { t } = useTranslation('storage');
  const waiting = useOffline((s) => s.updateWaiting);
  useEffect(() => startServiceWorker(), []);
  if (!waiting) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-available">
      <p>{t('update.message')}</p>
      <button type="button" className="primary" data-testid="update-reload" onClick={updateNow}>
        {t('update.reload')}
      </button>
      <button type="button" onClick={postponeUpdate}>
        {t('update.later')}
      </button>
    </div>
  );
}

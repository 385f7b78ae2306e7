import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../app/format';
import { askPersistence, refreshStorage, useStorage } from '../../store/storage';
import { useOffline } from '../offline/serviceWorker';

/** How much the site stores, whether the browser protects it, whether the app works offline. */
export function StorageSummary() {
  const { t } = useTranslation('storage');
  const info = useStorage((s) => s.info);
  const refreshing = useStorage((s) => s.refreshing);
  const offline = useOffline((s) => s.state);
  const offlineDetail = useOffline((s) => s.detail);
  const [asked, setAsked] = useState(false);

  return (
    <section aria-labelledby="storage-usage-heading">
      <h3 id="storage-usage-heading">{t('usage.heading')}</h3>
      <p data-testid="offline-status" data-state={offline}>
        {t(`offline.${offline}`, { detail: offlineDetail })}
      </p>
      {info && info.quota > 0 ? (
        <div data-testid="storage-usage" data-usage={info.usage} data-quota={info.quota}>
          <p>{t('usage.used', { usage: formatBytes(info.usage), quota: formatBytes(info.quota) })}</p>
          <meter className="storage-meter" min={0} max={info.quota} value={info.usage} aria-label={t('usage.label')} />
        </div>
      ) : (
        <p>{t('usage.unknown')}</p>
      )}
      {info && (
        <p data-testid="storage-persisted" data-persisted={info.persisted}>
          {info.persisted ? t('usage.persisted') : t('usage.notPersisted')}{' '}
          {!info.persisted && (
            <button
              type="button"
              data-testid="storage-persist"
              onClick={() => {
                setAsked(true);
                void askPersistence();
              }}
            >
              {t('usage.persist')}
            </button>
          )}
        </p>
      )}
      {asked && info && !info.persisted && <p className="hint">{t('usage.persistDenied')}</p>}
      <button type="button" onClick={() => void refreshStorage()} disabled={refreshing}>
        {t('usage.refresh')}
      </button>
    </section>
  );
}

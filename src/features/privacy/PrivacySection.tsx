import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useModel } from '../../store/model';
import { clearAllData } from './clearData';
import { blockedOrigins, connectSources, pagePolicy, shownSources } from '../../engine/policy';

/** What stays on the device and where, which addresses the page may contact, and "clear all data". */
export function PrivacySection() {
  const { t } = useTranslation('storage');
  const entries = useModel((s) => s.entries);
  const [clearing, setClearing] = useState(false);
  const sources = useMemo(() => {
    const policy = pagePolicy();
    return policy ? connectSources(policy) : null;
  }, []);
  const blocked = useMemo(() => {
    if (!sources) return [];
    const urls = entries.filter((e) => !e.user_added).flatMap((e) => [e.url, ...(e.urls ?? []), ...(e.model_lib ? [e.model_lib] : [])]);
    return blockedOrigins(urls, sources, location.origin);
  }, [entries, sources]);

  return (
    <section aria-labelledby="privacy-heading" data-testid="privacy">
      <h3 id="privacy-heading">{t('privacy.heading')}</h3>
      <p>{t('privacy.runsHere')}</p>
      <h4>{t('privacy.whereHeading')}</h4>
      <ul>
        <li>{t('privacy.whereTexts')}</li>
        <li>{t('privacy.whereModelsWebgpu')}</li>
        <li>{t('privacy.whereModelsGguf')}</li>
        <li>{t('privacy.whereSettings')}</li>
        <li>{t('privacy.whereApp')}</li>
      </ul>
      <h4>{t('privacy.hostsHeading')}</h4>
      {sources ? (
        <>
          <p>{t('privacy.hostsIntro')}</p>
          <ul data-testid="csp-hosts">
            {shownSources(sources).map((s, i) => (
              <li key={i}>
                {s.kind === 'self' ? t('privacy.self') : s.kind === 'local' ? t('privacy.local', { host: s.host }) : <code>{s.host}</code>}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('privacy.noPolicy')}</p>
      )}
      {blocked.length > 0 && (
        <p className="notice" data-testid="csp-blocked">
          {t('privacy.blockedHosts', { hosts: blocked.join(', ') })}
        </p>
      )}
      <h4>{t('privacy.clearHeading')}</h4>
      <p className="hint">{t('privacy.clearIntro')}</p>
      <ConfirmButton
        label={t('privacy.clear')}
        question={t('privacy.clearConfirm')}
        yes={t('privacy.yesClear')}
        no={t('privacy.cancel')}
        onConfirm={() => {
          setClearing(true);
          void clearAllData();
        }}
        busy={clearing}
        busyLabel={t('privacy.clearing')}
        danger
        testId="clear-all-data"
        confirmTestId="clear-all-confirm"
      />
    </section>
  );
}

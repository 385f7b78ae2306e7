import { useTranslation } from 'react-i18next';
import type { Provenance } from '../core/run';

/** Under "Details": the model and build, settings, how each answer ended, when, the page version and the prompts. */
export function ProvenanceDetails({ provenance }: { provenance: Provenance }) {
  const { t } = useTranslation('workbench');
  const { model, settings } = provenance;
  return (
    <details className="provenance" data-testid="provenance">
      <summary>{t('provenance.title')}</summary>
      <dl>
        <dt>{t('provenance.model')}</dt>
        <dd data-testid="provenance-model">
          {model.label} ({model.engine}) <span className="stored-address">{model.build}</span>
        </dd>
        <dt>{t('provenance.settings')}</dt>
        <dd>{t('provenance.settingsValue', { ...settings, greedy: settings.greedy ? t('provenance.yes') : t('provenance.no') })}</dd>
        <dt>{t('provenance.finish')}</dt>
        <dd data-testid="provenance-finish">{provenance.finishReasons.join(', ') || '–'}</dd>
        <dt>{t('provenance.time')}</dt>
        <dd>{new Date(provenance.startedAt).toLocaleString()}</dd>
        <dt>{t('provenance.page')}</dt>
        <dd>{provenance.page}</dd>
      </dl>
      {provenance.prompts.map((p, i) => (
        <pre key={i} className="output-raw" aria-label={t('provenance.prompt', { n: i + 1 })}>
          {p}
        </pre>
      ))}
    </details>
  );
}

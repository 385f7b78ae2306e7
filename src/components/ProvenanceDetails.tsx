import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provenance, RunSource } from '../core/run';

interface ProvenanceDetailsProps {
  /** A result's provenance, or a run's source alone (a job's run: its documents keep their own finish reasons). */
  provenance: RunSource & Partial<Pick<Provenance, 'prompts' | 'finishReasons'>>;
  /** The summary line; "Details: how this result was made" by default. */
  title?: string;
}

/**
 * Under "Details": the model and build, settings, how each answer ended, when, the page version and the prompts.
 * Memoised: a running job's progress re-renders its panel often, and its runs do not change meanwhile.
 */
export const ProvenanceDetails = memo(function ProvenanceDetails({ provenance, title }: ProvenanceDetailsProps) {
  const { t } = useTranslation('workbench');
  const { model, settings, finishReasons, prompts = [] } = provenance;
  return (
    <details className="provenance" data-testid="provenance">
      <summary>{title ?? t('provenance.title')}</summary>
      <dl>
        <dt>{t('provenance.model')}</dt>
        <dd data-testid="provenance-model">
          {model.label} ({model.engine}) <span className="stored-address">{model.build}</span>
        </dd>
        <dt>{t('provenance.settings')}</dt>
        <dd>{t('provenance.settingsValue', { ...settings, greedy: settings.greedy ? t('provenance.yes') : t('provenance.no') })}</dd>
        {finishReasons && (
          <>
            <dt>{t('provenance.finish')}</dt>
            <dd data-testid="provenance-finish">{finishReasons.join(', ') || '–'}</dd>
          </>
        )}
        <dt>{t('provenance.time')}</dt>
        <dd>{new Date(provenance.startedAt).toLocaleString()}</dd>
        <dt>{t('provenance.page')}</dt>
        <dd>{provenance.page}</dd>
      </dl>
      {prompts.map((p, i) => (
        <pre key={i} className="output-raw" aria-label={t('provenance.prompt', { n: i + 1 })}>
          {p}
        </pre>
      ))}
    </details>
  );
});

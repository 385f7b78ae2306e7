import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModel, selectedEntry } from '../../store/model';
import { TAIYI_CITATION } from '../../core/modelkit/taiyi';
import type { ModelEntry } from '../../engine/types';
import { CopyButton } from '../../components/CopyButton';

const isTaiyi = (e: ModelEntry) => e.prompt_format === 'taiyi' || /taiyi/i.test(e.id);

/** Source, licence and how to cite the selected model. */
export function AboutModel() {
  const { t } = useTranslation();
  const entry = useModel(selectedEntry);
  // once copying was refused, the BibTeX stays open for selecting by hand
  const [showBibtex, setShowBibtex] = useState(false);
  if (!entry) return null;
  const taiyi = isTaiyi(entry);

  return (
    <details className="about-model" data-testid="about-model">
      <summary>{t('about.title', { model: entry.label })}</summary>
      <dl>
        {entry.source && (
          <>
            <dt>{t('about.source')}</dt>
            <dd>{entry.source}</dd>
          </>
        )}
        <dt>{t('about.license')}</dt>
        <dd>{taiyi ? t('about.taiyiLicense') : (entry.license ?? t('about.unknownLicense'))}</dd>
        <dt>{t('about.format')}</dt>
        <dd>
          {[t(`engine.${entry.engine}`), entry.quantization, t('about.context', { count: entry.context_window_size })]
            .filter(Boolean)
            .join(' · ')}
        </dd>
      </dl>
      {taiyi && (
        <div className="citation">
          <p>
            {t('about.cite')} <cite>{TAIYI_CITATION.text}</cite>
          </p>
          <CopyButton
            label={t('about.copyBibtex')}
            text={() => TAIYI_CITATION.bibtex}
            failedMessage={t('about.copyFailed')}
            onStatus={(s) => s === 'failed' && setShowBibtex(true)}
          />
          <details open={showBibtex || undefined}>
            <summary>BibTeX</summary>
            <pre className="bibtex">{TAIYI_CITATION.bibtex}</pre>
          </details>
        </div>
      )}
      <p className="hint">{t('about.notAdvice')}</p>
    </details>
  );
}

const ACK_KEY = 'taiyi.noticeAcknowledged';

/** Storage may be disabled (blocked site data): the notice then shows on every visit rather than breaking the page. */
function acknowledgedBefore(): boolean {
  try {
    return localStorage.getItem(ACK_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberAcknowledged() {
  try {
    localStorage.setItem(ACK_KEY, '1');
  } catch {
    // not remembered: asked again next visit
  }
}

/** The "not medical advice" notice: shown until acknowledged once, without blocking kiosks that auto-load. */
export function UseNotice() {
  const { t } = useTranslation();
  const [acknowledged, setAcknowledged] = useState(acknowledgedBefore);
  if (acknowledged) return null;
  return (
    <section className="notice use-notice" data-testid="use-notice" aria-labelledby="use-notice-title">
      <h2 id="use-notice-title">{t('about.noticeTitle')}</h2>
      <p>{t('about.notAdvice')}</p>
      <p>{t('about.researchOnly')}</p>
      <button
        type="button"
        className="primary"
        data-testid="use-notice-ack"
        onClick={() => {
          rememberAcknowledged();
          setAcknowledged(true);
          // the notice disappears with the focused button: hand focus to the model picker, the usual next step
          document.getElementById('model-select')?.focus();
        }}
      >
        {t('about.acknowledge')}
      </button>
    </section>
  );
}

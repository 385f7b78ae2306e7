import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAIYI_CITATION } from '../../core/modelkit/taiyi';
import type { ModelEntry } from '../../engine/types';
import { CopyButton } from '../../components/CopyButton';

const isTaiyi = (e: ModelEntry) => e.prompt_format === 'taiyi' || /taiyi/i.test(e.id);

/** What "About the model" shows when opened: source, licence, format (with `context`, in tokens) and how to cite it. */
export default function AboutModelBody({ entry, context }: { entry: ModelEntry; context: number }) {
  const { t } = useTranslation();
  // once copying was refused, the BibTeX stays open for selecting by hand
  const [showBibtex, setShowBibtex] = useState(false);
  const taiyi = isTaiyi(entry);

  return (
    <>
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
        <dd>{[t(`engine.${entry.engine}`), entry.quantization, t('about.context', { count: context })].filter(Boolean).join(' · ')}</dd>
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
    </>
  );
}

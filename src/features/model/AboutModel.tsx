import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModel, selectedEntry } from '../../store/model';

// what the summary opens (licence, citation, BibTeX) loads when it is first opened
const AboutModelBody = lazy(() => import('./AboutModelBody'));

/** Source, licence and how to cite the selected model. */
export function AboutModel() {
  const { t } = useTranslation();
  const entry = useModel(selectedEntry);
  // once loaded, the context the engine serves (llama.cpp caps what an entry asks at the model's training context)
  const served = useModel((s) => (s.loaded && s.loaded.id === s.selectedId ? s.loaded.contextWindow : undefined));
  const [opened, setOpened] = useState(false);
  if (!entry) return null;

  return (
    <details className="about-model" data-testid="about-model" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>{t('about.title', { model: entry.label })}</summary>
      {opened && (
        <Suspense fallback={null}>
          <AboutModelBody entry={entry} context={served ?? entry.context_window_size} />
        </Suspense>
      )}
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

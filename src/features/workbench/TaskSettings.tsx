import { useTranslation } from 'react-i18next';
import { SettingsPanel } from '../playground/SettingsPanel';

/**
 * The shared sampling settings, folded away in every task tab: greedy decoding helps extraction and the
 * answer length bounds how much of a long text each chunk can take.
 */
export function TaskSettings() {
  const { t } = useTranslation('workbench');
  return (
    <details className="task-settings">
      <summary>{t('settings')}</summary>
      <SettingsPanel />
    </details>
  );
}

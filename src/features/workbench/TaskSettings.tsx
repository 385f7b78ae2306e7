import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskId } from '../../core/tasks';
import { SettingsPanel } from '../playground/SettingsPanel';

/**
 * The shared sampling settings, folded away in every task tab: greedy decoding helps extraction and the
 * answer length bounds how much of a long text each chunk can take. Memoised: a job's tab redraws on every
 * document, the settings need not.
 */
export const TaskSettings = memo(function TaskSettings({ task, formatted }: { task?: TaskId; formatted?: boolean }) {
  const { t } = useTranslation('workbench');
  return (
    <details className="task-settings">
      <summary>{t('settings')}</summary>
      <SettingsPanel task={task} formatted={formatted} />
    </details>
  );
});

import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';

/** The status badge of the test contract: `model-status` with `data-state`. Text, not colour alone, tells the state. */
export function ModelStatus() {
  const { t } = useTranslation();
  const status = useModel((s) => s.status);
  return (
    <span className={`status status-${status}`} data-testid="model-status" data-state={status} role="status" aria-live="polite">
      <span className="status-dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';
import { dismissError } from '../../store/modelActions';
import { UrlCheckReport } from './onDemand';

/** The current error in the user's language, with the engine's own words folded away for whoever needs them. */
export function ModelError() {
  const { t } = useTranslation();
  const error = useModel((s) => s.error);
  const refusedCheck = useModel((s) => s.urlCheck?.ok === false);
  if (!error) return null;
  return (
    <div className="alert" role="alert" data-testid="model-error" data-code={error.code}>
      <p className="alert-message">{t(error.code, { ns: 'errors', ...error.params })}</p>
      {refusedCheck && <UrlCheckReport />}
      {error.detail && (
        <details>
          <summary>{t('error.details')}</summary>
          <pre className="alert-detail">{error.detail}</pre>
        </details>
      )}
      <button
        type="button"
        onClick={() => {
          dismissError();
          // the alert disappears with the focused button: hand focus to the model picker, the usual next step
          document.getElementById('model-select')?.focus();
        }}
      >
        {t('error.dismiss')}
      </button>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';
import { IssueList } from '../storage/ImportReport';

/** The problems the header check of a model address found, and whether they stopped the load. */
export function UrlCheckReport() {
  const { t } = useTranslation();
  const check = useModel((s) => s.urlCheck);
  if (!check?.issues.length) return null;
  return (
    <div className="url-check" data-testid="url-check">
      <IssueList issues={check.issues} />
      {!check.ok && <p>{t('model.urlRefused')}</p>}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';

/**
 * Where a deployer learns to build and host a model: `VITE_TAIYI_DOCS_URL` when the page was built with one,
 * otherwise the copy of docs/models.md published beside the page.
 */
const DOCS_URL: string = (import.meta.env.VITE_TAIYI_DOCS_URL as string | undefined) || 'docs/models.md';

/** Says, before anyone presses Load, that the chosen registry model has no files on this site, and where to learn more. */
export function HostingNotice() {
  const { t } = useTranslation();
  const missing = useModel((s) => s.selectedId !== null && s.hosting[s.selectedId] === 'missing');
  if (!missing) return null;
  return (
    <p className="notice" data-testid="model-not-hosted">
      {t('model.notHosted')}{' '}
      <a href={DOCS_URL} target="_blank" rel="noreferrer" data-testid="model-hosting-docs">
        {t('model.hostingDocs')}
      </a>
    </p>
  );
}

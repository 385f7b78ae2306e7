import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';

/**
 * Problems found in models.json, for whoever deploys the page: which entry, which field. The entries that passed
 * stay usable, and a model can still be added by URL or file.
 */
export function RegistryProblems() {
  const { t } = useTranslation();
  const problems = useModel((s) => s.registryProblems);
  if (problems.length === 0) return null;
  return (
    <div className="notice" role="alert" data-testid="registry-problems">
      <p>{t('registry.problems', { count: problems.length })}</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { EvalProblem } from '../../store/evalRun';

/** Why the picked files cannot be used: which file, which line, and the loader's own words. */
export function EvalProblemMessage({ problem }: { problem: EvalProblem }) {
  const { t } = useTranslation('jobs');
  const where = problem.file
    ? problem.line
      ? t('where.line', { file: problem.file, line: problem.line })
      : t('where.file', { file: problem.file })
    : '';
  return (
    <p className="field-problem" role="alert" data-testid="eval-error">
      {t(`eval.problem.${problem.code}`, { where })}
      {problem.detail && <span className="detail"> ({problem.detail})</span>}
    </p>
  );
}

import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../app/format';
import type { FolderCheck, ImportIssue, ImportReview } from '../../engine/folder-import';
import type { ModelEntry } from '../../engine/types';

interface ImportReportProps {
  folder: string;
  check: FolderCheck;
  review: ImportReview | null;
  targets: ModelEntry[];
  busy: boolean;
  onTarget: (id: string) => void;
  onStore: () => void;
  onKeepGguf: () => void;
}

/** Every problem found, errors first, each in the user's language with the file (and field) it concerns. */
export function IssueList({ issues }: { issues: readonly ImportIssue[] }) {
  const { t } = useTranslation('storage');
  if (!issues.length) return <p data-testid="import-no-issues">{t('import.noProblems')}</p>;
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <>
      <h4>{t('import.problems')}</h4>
      <ul className="import-issues" data-testid="import-issues">
        {sorted.map((issue, i) => (
          <li
            key={i}
            data-testid="import-issue"
            data-code={issue.code}
            data-severity={issue.severity}
            className={`issue-${issue.severity}`}
          >
            <strong>{t(`import.${issue.severity}`)}</strong> <code>{issue.field ? `${issue.file} (${issue.field})` : issue.file}</code>:{' '}
            {t(`issues.${issue.code}`, { ...issue.params })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the picked folder holds, which model it will be stored as and where, its problems, and the action. */
export function ImportReport({ folder, check, review, targets, busy, onTarget, onStore, onKeepGguf }: ImportReportProps) {
  const { t } = useTranslation('storage');

  if (check.kind === 'none') {
    return (
      <div data-testid="import-report" data-ok="false">
        <IssueList issues={check.issues} />
        <p role="alert">{t('import.blocked')}</p>
      </div>
    );
  }

  if (check.kind === 'gguf') {
    const f = check.report.facts;
    return (
      <div data-testid="import-report" data-ok={check.report.ok}>
        <p>{t('import.foundGguf', { file: f.parts.join(', '), size: formatBytes(f.totalBytes) })}</p>
        <IssueList issues={check.report.issues} />
        {check.report.ok ? (
          <button type="button" className="primary" data-testid="import-keep-gguf" disabled={busy} onClick={onKeepGguf}>
            {t('import.keepGguf')}
          </button>
        ) : (
          <p role="alert">{t('import.blocked')}</p>
        )}
      </div>
    );
  }

  const facts = check.report.facts;
  const issues = review?.issues ?? check.report.issues;
  const files = facts.files.length + (facts.modelLib ? 1 : 0);
  return (
    <div data-testid="import-report" data-ok={review?.ok ?? false}>
      <p>
        {t('import.found', {
          folder: check.root || folder,
          files: t('models.files', { count: files }),
          size: formatBytes(facts.downloadBytes),
        })}
      </p>
      {targets.length === 0 ? (
        <p className="notice">{t('import.noTarget')}</p>
      ) : (
        <div className="row">
          <label htmlFor="import-target">{t('import.target')}</label>
          <select
            id="import-target"
            data-testid="import-target"
            value={review?.target.id ?? ''}
            disabled={busy}
            onChange={(e) => onTarget(e.target.value)}
          >
            {!review && <option value="">—</option>}
            {targets.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {review && <p className="hint stored-address">{t('import.targetHint', { url: review.target.url })}</p>}
      <IssueList issues={issues} />
      {review?.ok ? (
        <button type="button" className="primary" data-testid="import-store" disabled={busy} onClick={onStore}>
          {busy ? t('import.storing') : t('import.store')}
        </button>
      ) : (
        review && <p role="alert">{t('import.blocked')}</p>
      )}
    </div>
  );
}

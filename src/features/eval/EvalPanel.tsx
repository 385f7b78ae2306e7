import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { FileButton } from '../../components/FileButton';
import { DATASETS, DATASET_NAMES, type DatasetName } from '../../core/benchmarks';
import { openEvalJob, pickEvalFiles, startEval, useEval } from '../../store/evalRun';
import { refreshJobs, useJobs } from '../../store/jobs';
import { TaskSettings } from '../workbench/TaskSettings';
import { installJobEffects } from '../jobs/jobEffects';
import { JobControls } from '../jobs/JobControls';
import { JobList } from '../jobs/JobList';
import { JobProgressView } from '../jobs/JobProgressView';
import { EvalScore } from './EvalScore';
import { ExampleBrowser } from './ExampleBrowser';
import { EvalProblemMessage } from './EvalProblemMessage';
import '../jobs/jobs.css';

installJobEffects();

/** The paper's test sets on the loaded model: pick a set and its files, run it as a job, read the score. */
export function EvalPanel() {
  const { t } = useTranslation('jobs');
  const ids = { dataset: useId(), limit: useId(), seed: useId() };
  const { dataset, files, limit, seed, problem, warnings, jobId, set } = useEval(
    useShallow(({ dataset, files, limit, seed, problem, warnings, jobId, set }) => ({
      dataset,
      files,
      limit,
      seed,
      problem,
      warnings,
      jobId,
      set,
    })),
  );
  const job = useJobs((s) => s.jobs.find((j) => j.id === jobId) ?? null);
  const listed = useJobs((s) => s.listed);
  const newest = useJobs((s) => s.jobs.find((j) => j.kind === 'eval')?.id ?? null);

  useEffect(() => void refreshJobs(), []);
  // after a reload the last eval comes back with its score, ready to resume
  useEffect(() => {
    if (listed && !jobId && newest) void openEvalJob(newest);
  }, [listed, jobId, newest]);

  return (
    <div className="task job-tab">
      <div className="task-options">
        <label htmlFor={ids.dataset}>{t('eval.dataset')}</label>
        <select
          id={ids.dataset}
          data-testid="eval-dataset"
          value={dataset}
          onChange={(e) => set({ dataset: e.target.value as DatasetName })}
        >
          {DATASET_NAMES.map((n) => (
            <option key={n} value={n}>
              {DATASETS[n].title} ({n})
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('eval.files', { files: DATASETS[dataset].files })}</p>
      <div className="row">
        <FileButton label={t('eval.pickFiles')} data-testid="eval-file-input" multiple onFiles={(picked) => void pickEvalFiles(picked)} />
        {files.length > 0 && <span data-testid="eval-files">{files.map((f) => f.name).join(', ')}</span>}
      </div>
      <div className="row">
        <label htmlFor={ids.limit}>{t('eval.limit')}</label>
        <input
          id={ids.limit}
          data-testid="eval-limit"
          type="number"
          min={1}
          inputMode="numeric"
          value={limit}
          onChange={(e) => set({ limit: e.target.value })}
          className="narrow"
        />
        <label htmlFor={ids.seed}>{t('eval.seed')}</label>
        <input
          id={ids.seed}
          data-testid="eval-seed"
          type="number"
          min={0}
          inputMode="numeric"
          value={seed}
          onChange={(e) => set({ seed: e.target.value })}
          className="narrow"
          disabled={!limit}
        />
        <span className="hint">{t('eval.limitHint')}</span>
      </div>
      <TaskSettings formatted={DATASETS[dataset].grammar !== undefined} />
      <p className="hint">{t('eval.greedy')}</p>
      {problem && <EvalProblemMessage problem={problem} />}
      {warnings.length > 0 && (
        <details>
          <summary>{t('eval.warnings', { count: warnings.length })}</summary>
          <ul className="unparsed">
            {warnings.slice(0, 50).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <JobControls
        job={job}
        prefix="eval"
        start={{ testId: 'eval-run', label: t('eval.run'), ready: files.length > 0, onStart: () => void startEval() }}
      />
      {job && <JobProgressView job={job} testId="eval-progress" />}
      {job && <EvalScore job={job} />}
      <JobList kind="eval" activeId={jobId} onOpen={(id) => void openEvalJob(id)} />
      {job && <ExampleBrowser />}
    </div>
  );
}

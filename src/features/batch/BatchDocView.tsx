import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchDocument } from '../../core/batch/documents';
import { isPartial, type Job } from '../../core/jobs';
import type { RunStatus } from '../../core/run';
import { ProvenanceDetails } from '../../components/ProvenanceDetails';
import { documentForm, type BatchDocResult, type BatchOptions } from '../../store/batchTasks';
import { useJobDocs } from './useJobDocs';
import type { Streamed } from '../workbench/TaskFrame';
import { usePanelSpec } from './usePanelSpec';

/** One document of a batch in its task's own result view, as the task's tab shows a result. */
export function BatchDocView({ job, index }: { job: Job; index: number }) {
  const { t } = useTranslation('jobs');
  const options = job.options as BatchOptions;
  const spec = usePanelSpec(options.task);
  const doc = useJobDocs(job.id, index, 1).get(index) ?? null;
  // view settings of the result (hidden types) live here, not in the tab's form
  const [patch, setPatch] = useState<Record<string, unknown>>({});
  const input = doc?.input as BatchDocument | undefined;
  const form = input ? { ...documentForm(options, input), ...patch } : null;
  if (!doc || !input || !form) return null;
  const result = doc.result as BatchDocResult | undefined;
  const run: RunStatus = {
    running: false,
    progress: { done: doc.raw.length, total: doc.raw.length },
    outcome: doc.status === 'failed' ? 'failed' : 'done',
    answered: doc.raw.some((r) => /\S/.test(r)),
    truncated: doc.finishReasons?.filter((r) => r === 'length').length ?? 0,
    provenance: null,
  };
  // the prompts are not kept with a job's documents: the task, its options and the page version make them again
  const source = doc.run !== undefined ? job.runs?.[doc.run] : undefined;
  const StreamedRaw: Streamed = ({ children }) => <>{children(doc.raw)}</>;
  const Result = spec?.Result;
  return (
    <section
      className={isPartial(doc) ? 'result partial' : 'result'}
      aria-labelledby="batch-doc-title"
      data-testid="batch-doc"
      data-doc-id={doc.docId}
      data-partial={isPartial(doc)}
    >
      <h3 id="batch-doc-title">
        {doc.docId} — {t(`doc.${doc.status}`)}
        {isPartial(doc) && ` (${t('doc.partial')})`}
      </h3>
      {isPartial(doc) && <p className="partial-mark">{t('doc.partialDetail', { count: run.truncated })}</p>}
      {doc.error && (
        <p className="field-problem">
          {doc.error.code === 'input' ? t('doc.inputProblem') : t(`errors:${doc.error.code}`, { defaultValue: doc.error.code })} (
          {doc.error.message})
        </p>
      )}
      {Result && result && (
        <Result
          form={form as never}
          set={(p: object) => setPatch((old) => ({ ...old, ...p }))}
          start={() => undefined}
          view={result.view as never}
          run={run}
          Streamed={StreamedRaw}
        />
      )}
      {source && <ProvenanceDetails provenance={{ ...source, finishReasons: doc.finishReasons ?? [] }} />}
      {doc.raw.length > 0 && (
        <details>
          <summary>{t('doc.raw', { count: doc.raw.length })}</summary>
          {doc.raw.map((r, i) => (
            <pre key={i} className="raw">
              {r}
            </pre>
          ))}
        </details>
      )}
    </section>
  );
}

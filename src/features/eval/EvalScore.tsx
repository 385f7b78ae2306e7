import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../components/download';
import { PAPER_CITATION, PAPER_CITATION_URL, PAPER_SCORES } from '../../core/benchmarks/paper';
import { DATASETS, type DatasetName } from '../../core/benchmarks';
import type { Job } from '../../core/jobs';
import { cliCommand, predictionsJsonl, useEval, type EvalOptions } from '../../store/evalRun';

const fixed = (n: number) => n.toFixed(2);

/** The score so far with per-type figures, the paper's figures beside it, and the exports that reproduce it. */
export function EvalScore({ job }: { job: Job }) {
  const { t } = useTranslation('jobs');
  const metrics = useEval((s) => s.metrics);
  const options = job.options as EvalOptions;
  const dataset = DATASETS[options.dataset as DatasetName];
  const paper = PAPER_SCORES[dataset.name];
  const base = `${dataset.name}-${job.id}`;
  return (
    <section className="result" aria-labelledby="eval-score-title">
      <h3 id="eval-score-title">{t('eval.score', { title: dataset.title })}</h3>
      <div className="score-row">
        <p data-testid="eval-score" data-score={metrics ? fixed(metrics.score) : ''} data-n={metrics?.n ?? 0} className="score">
          {metrics ? t(`eval.metric.${metrics.metric}`, { score: fixed(metrics.score), n: metrics.n }) : t('eval.noScore')}
        </p>
        <p className="hint" data-testid="eval-paper">
          {t('eval.paper', { taiyi: paper.taiyi.toFixed(1), gpt: paper.gpt35.toFixed(1) })}{' '}
          <a href={PAPER_CITATION_URL} target="_blank" rel="noreferrer" title={PAPER_CITATION}>
            {t('eval.citation')}
          </a>
        </p>
      </div>
      {metrics && metrics.metric === 'micro_f1' && (
        <p className="hint">{t('eval.prf', { p: fixed(metrics.precision), r: fixed(metrics.recall) })}</p>
      )}
      {metrics && Object.keys(metrics.per_type).length > 0 && (
        <div className="table-wrap">
          <table data-testid="eval-per-type">
            <caption>{t('eval.perType')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('eval.type')}</th>
                {metrics.metric === 'micro_f1' ? (
                  <>
                    <th scope="col">P</th>
                    <th scope="col">R</th>
                    <th scope="col">F1</th>
                    <th scope="col">{t('eval.counts')}</th>
                  </>
                ) : (
                  <>
                    <th scope="col">{t('eval.accuracy')}</th>
                    <th scope="col">{t('eval.correct')}</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {Object.entries(metrics.per_type).map(([type, d]) => (
                <tr key={type}>
                  <th scope="row">{type}</th>
                  {'f1' in d ? (
                    <>
                      <td>{fixed(d.precision)}</td>
                      <td>{fixed(d.recall)}</td>
                      <td>{fixed(d.f1)}</td>
                      <td>{t('eval.tpfpfn', { tp: d.tp, fp: d.fp, fn: d.fn })}</td>
                    </>
                  ) : (
                    <>
                      <td>{fixed(d.accuracy)}</td>
                      <td>
                        {d.correct}/{d.n}
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        <button
          type="button"
          data-testid="eval-export-predictions"
          disabled={!metrics}
          onClick={() => downloadFile({ name: `${base}.predictions.jsonl`, type: 'application/jsonl', content: predictionsJsonl() })}
        >
          {t('eval.exportPredictions')}
        </button>
        <button
          type="button"
          data-testid="eval-export-metrics"
          disabled={!metrics}
          onClick={() =>
            downloadFile({ name: `${base}.metrics.json`, type: 'application/json', content: `${JSON.stringify(metrics, null, 2)}\n` })
          }
        >
          {t('eval.exportMetrics')}
        </button>
      </div>
      <p className="hint">{t('eval.cli')}</p>
      <pre className="cli" data-testid="eval-cli">
        {cliCommand(options)}
      </pre>
    </section>
  );
}

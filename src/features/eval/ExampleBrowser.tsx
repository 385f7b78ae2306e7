import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { DATASETS, type BenchmarkExample } from '../../core/benchmarks';
import { compareGold, type ComparedItem } from '../../core/benchmarks/compare';
import { useEval } from '../../store/evalRun';

const PAGE = 20;

/** Gold, the parsed prediction and the raw answer of each example, a page at a time; mismatches marked in words. */
export function ExampleBrowser() {
  const { t } = useTranslation('jobs');
  const filterId = useId();
  const { examples, outputs, finished } = useEval(useShallow(({ examples, outputs, finished }) => ({ examples, outputs, finished })));
  const [onlyWrong, setOnlyWrong] = useState(false);
  const [page, setPage] = useState(0);
  // which examples to list is kept with each when it finished; only the page shown is compared item by item
  const listed = useMemo(
    () => examples.filter((ex) => (onlyWrong ? finished.get(ex.id)?.wrong : finished.has(ex.id))),
    [examples, finished, onlyWrong],
  );
  const pages = Math.max(1, Math.ceil(listed.length / PAGE));
  const current = Math.min(page, pages - 1);
  const shown = listed.slice(current * PAGE, current * PAGE + PAGE).map((ex) => ({ ex, items: itemsOf(ex, outputs.get(ex.id)) }));
  if (!finished.size) return null;
  return (
    <section className="result" aria-labelledby="eval-examples">
      <h3 id="eval-examples">{t('examples.title', { count: finished.size })}</h3>
      <div className="row">
        <label className="checkbox" htmlFor={filterId}>
          <input id={filterId} type="checkbox" checked={onlyWrong} onChange={(e) => setOnlyWrong(e.target.checked)} />{' '}
          {t('examples.onlyWrong')}
        </label>
        <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
          {t('examples.previous')}
        </button>
        <span role="status">{t('examples.page', { page: current + 1, pages })}</span>
        <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
          {t('examples.next')}
        </button>
      </div>
      <ol className="eval-examples" start={current * PAGE + 1}>
        {shown.map(({ ex, items }) => (
          <li key={ex.id} data-testid="eval-example" data-id={ex.id} data-answered={outputs.has(ex.id)}>
            <strong>{ex.id}</strong>
            {!outputs.has(ex.id) && <span className="field-problem"> {t('examples.failed')}</span>}
            <ul className="compared">
              {items.map((item, i) => (
                <li key={i} className={mark(item)} data-mark={mark(item)}>
                  <span className="mark-word">{t(`examples.mark.${mark(item)}`)}</span> <span className="compared-item">{item.label}</span>
                </li>
              ))}
              {items.length === 0 && <li className="hint">{t('examples.empty')}</li>}
            </ul>
            <details>
              <summary>{t('examples.raw')}</summary>
              <pre className="raw" data-testid="eval-example-raw">
                {outputs.get(ex.id) ?? ''}
              </pre>
            </details>
            <details>
              <summary>{t('examples.prompt')}</summary>
              <pre className="raw">{ex.prompt}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

function itemsOf(ex: BenchmarkExample, output: string | undefined): ComparedItem[] {
  return compareGold(ex.gold, DATASETS[ex.dataset].predict(ex, output ?? ''));
}

/** `found` (in both), `missed` (gold only), `extra` (prediction only). */
const mark = (item: ComparedItem) => (item.inGold && item.inPrediction ? 'found' : item.inGold ? 'missed' : 'extra');

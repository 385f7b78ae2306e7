import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ExamplePicker } from '../../components/ExamplePicker';
import { LangSelect } from '../../components/LangSelect';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { useSimilarity } from '../../store/similarity';
import { TaskSettings } from '../workbench/TaskSettings';

const EXAMPLES = [
  { id: 'ssEn', a: "How can someone's happiness level affect someone's health?", b: 'Can staying happy improve my health? What specific steps should I take?' },
  { id: 'ssZh', a: '乙肝小二阳会转成小三阳吗？', b: '乙肝小三阳会不会转成肝硬化、肝癌？' },
] as const;

/** Whether two sentences mean the same, in Taiyi's own labels. */
export function SimilarityPanel() {
  const { t } = useTranslation('workbench');
  const { a, b, langMode, run, view, set, start, stop } = useSimilarity(
    useShallow(({ a, b, langMode, run, view, set, start, stop }) => ({ a, b, langMode, run, view, set, start, stop })),
  );
  const ready = !!a.trim() && !!b.trim();
  return (
    <div className="task">
      <TaskInput label={t('similarity.a')} value={a} onChange={(v) => set({ a: v })} onSubmit={() => void start()} rows={3} acceptFiles={false}>
        <ExamplePicker examples={EXAMPLES} onPick={(ex) => set({ a: ex.a, b: ex.b })} />
      </TaskInput>
      <TaskInput label={t('similarity.b')} value={b} onChange={(v) => set({ b: v })} onSubmit={() => void start()} rows={3} acceptFiles={false} testId="task-input-b" />
      <div className="task-options">
        <LangSelect value={langMode} onChange={(v) => set({ langMode: v })} input={a + b} />
        <TaskSettings task="similarity" />
      </div>
      <RunBar run={run} ready={ready} why={t('similarity.needBoth')} onRun={() => void start()} onStop={stop} />
      {view && (
        <section className="result" aria-labelledby="similarity-result">
          <h3 id="similarity-result">{t('similarity.result')}</h3>
          {view.label && (
            <p className="big-answer" data-testid="similarity-answer" data-similar={String(view.similar)}>
              {view.similar ? t('similarity.same') : t('similarity.different')} <span className="hint">({view.label})</span>
            </p>
          )}
          {showNothing(run, view.label ? 1 : 0) && <NothingParsed run={run} what={t('similarity.what')} unparsed={view.unparsed} />}
        </section>
      )}
      <RawOutput run={run} />
    </div>
  );
}

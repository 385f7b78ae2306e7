import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ExamplePicker } from '../../components/ExamplePicker';
import { LangSelect } from '../../components/LangSelect';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { useTitle } from '../../store/title';
import { TITLE_EXAMPLES } from './examples';
import { TaskSettings } from '../workbench/TaskSettings';

/** A title for an abstract. */
export function TitlePanel() {
  const { t } = useTranslation('workbench');
  const { input, langMode, run, view, set, start, stop } = useTitle(
    useShallow(({ input, langMode, run, view, set, start, stop }) => ({ input, langMode, run, view, set, start, stop })),
  );
  return (
    <div className="task">
      <TaskInput label={t('title.input')} value={input} onChange={(v) => set({ input: v })} onSubmit={() => void start()}>
        <ExamplePicker examples={TITLE_EXAMPLES} onPick={(ex) => set({ input: ex.text })} />
      </TaskInput>
      <div className="task-options">
        <LangSelect value={langMode} onChange={(v) => set({ langMode: v })} input={input} />
        <TaskSettings task="title" />
      </div>
      <RunBar run={run} ready={!!input.trim()} why={t('run.needInput')} onRun={() => void start()} onStop={stop} />
      {view && (
        <section className="result" aria-labelledby="title-result">
          <h3 id="title-result">{t('title.result')}</h3>
          {view.title && (
            <p className="big-answer" data-testid="title-answer">
              {view.title}
            </p>
          )}
          {view.unparsed.length > 0 && <p className="hint">{t('title.extra', { count: view.unparsed.length })}</p>}
          {showNothing(run, view.title ? 1 : 0) && <NothingParsed run={run} what={t('title.what')} unparsed={view.unparsed} />}
        </section>
      )}
      <RawOutput run={run} />
    </div>
  );
}

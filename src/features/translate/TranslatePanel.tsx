import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { directionFor } from '../../core/tasks/translate';
import { ExamplePicker } from '../../components/ExamplePicker';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { useTranslate } from '../../store/translate';
import { TRANSLATE_EXAMPLES } from './examples';
import { TaskSettings } from '../workbench/TaskSettings';

/** English↔Chinese translation; long texts are translated chunk by chunk and joined. */
export function TranslatePanel() {
  const { t } = useTranslation('workbench');
  const { input, direction, run, view, set, start, stop } = useTranslate(
    useShallow(({ input, direction, run, view, set, start, stop }) => ({ input, direction, run, view, set, start, stop })),
  );
  const [copied, setCopied] = useState(false);
  const auto = useMemo(() => directionFor(input, {}), [input]);
  const text = view?.parts.join('').trim() ?? '';

  return (
    <div className="task">
      <TaskInput label={t('translate.input')} value={input} onChange={(v) => set({ input: v })} onSubmit={() => void start()}>
        <ExamplePicker examples={TRANSLATE_EXAMPLES} onPick={(ex) => set({ input: ex.text, direction: 'auto' })} />
      </TaskInput>
      <div className="task-options">
        <label>
          {t('translate.direction')}
          <select data-testid="translate-direction" value={direction} onChange={(e) => set({ direction: e.target.value as typeof direction })}>
            <option value="auto">{t('translate.auto', { direction: t(`translate.${auto}`) })}</option>
            <option value="en2zh">{t('translate.en2zh')}</option>
            <option value="zh2en">{t('translate.zh2en')}</option>
          </select>
        </label>
        <TaskSettings task="translate" />
      </div>
      <RunBar run={run} ready={!!input.trim()} why={t('run.needInput')} onRun={() => void start()} onStop={stop} />
      {view && (
        <section className="result" aria-labelledby="translate-result">
          <h3 id="translate-result">{t('translate.result')}</h3>
          {text && (
            <>
              <p className="translation" data-testid="translation" lang={view.direction === 'en2zh' ? 'zh-CN' : 'en'}>
                {text}
              </p>
              <div className="row">
                <button
                  type="button"
                  onClick={() =>
                    navigator.clipboard.writeText(text).then(
                      () => setCopied(true),
                      () => setCopied(false),
                    )
                  }
                >
                  {t('export.copy')}
                </button>
                <span className="hint" role="status">
                  {copied ? t('export.copied') : ''}
                </span>
              </div>
            </>
          )}
          {showNothing(run, text ? 1 : 0) && <NothingParsed run={run} what={t('translate.what')} unparsed={[]} />}
        </section>
      )}
      <RawOutput run={run} />
    </div>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { LABEL_PRESETS } from '../../core/tasks/presets';
import { ExamplePicker } from '../../components/ExamplePicker';
import { LangSelect } from '../../components/LangSelect';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { TypePicker } from '../../components/TypePicker';
import { LABEL_PRESET_IDS, offeredLabels, useClassify } from '../../store/classify';
import { promptLang } from '../../store/taskRun';
import { CLASSIFY_EXAMPLES } from './examples';
import { TaskSettings } from '../workbench/TaskSettings';

/** Text classification into offered labels, single- or multi-label. */
export function ClassifyPanel() {
  const { t } = useTranslation('workbench');
  const s = useClassify(
    useShallow(({ input, langMode, preset, unchecked, freeLabels, multiLabel, run, view }) => ({ input, langMode, preset, unchecked, freeLabels, multiLabel, run, view })),
  );
  const { set, start, stop } = useClassify(useShallow(({ set, start, stop }) => ({ set, start, stop })));
  const lang = useMemo(() => promptLang(s.langMode, s.input), [s.langMode, s.input]);
  const labels = offeredLabels(s, lang);
  const why = !s.input.trim() ? t('run.needInput') : labels.length === 0 ? t('classify.needLabels') : null;
  const pickPreset = (id: string) => {
    const preset = id ? LABEL_PRESETS[id as keyof typeof LABEL_PRESETS] : null;
    set({ preset: id as typeof s.preset, unchecked: [], multiLabel: preset ? preset.multiLabel : s.multiLabel });
  };

  return (
    <div className="task">
      <TaskInput label={t('classify.input')} value={s.input} onChange={(v) => set({ input: v })} onSubmit={() => void start()}>
        <ExamplePicker
          examples={CLASSIFY_EXAMPLES}
          onPick={(ex) => {
            pickPreset(ex.preset);
            set({ input: ex.text, freeLabels: ex.freeLabels ?? '' });
          }}
        />
      </TaskInput>
      <div className="task-options">
        <TypePicker
          legend={t('classify.labels')}
          presets={LABEL_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
          preset={s.preset}
          onPreset={pickPreset}
          names={s.preset ? LABEL_PRESETS[s.preset].names[lang] : []}
          unchecked={s.unchecked}
          onUnchecked={(list) => set({ unchecked: list })}
          freeTypes={s.freeLabels}
          onFreeTypes={(v) => set({ freeLabels: v })}
          freeLabel={t('classify.freeLabels')}
          freePlaceholder={t('classify.freePlaceholder')}
        />
        <label className="checkbox">
          <input type="checkbox" data-testid="multi-label" checked={s.multiLabel} onChange={(e) => set({ multiLabel: e.target.checked })} />{' '}
          {t('classify.multiLabel')}
        </label>
        <LangSelect value={s.langMode} onChange={(v) => set({ langMode: v })} input={s.input} />
        <TaskSettings task="classify" />
      </div>
      <RunBar run={s.run} ready={!why} why={why} onRun={() => void start()} onStop={stop} />
      {s.view && (
        <section className="result" aria-labelledby="classify-result">
          <h3 id="classify-result">{t('classify.result')}</h3>
          {s.view.labels.length > 0 && (
            <ul className="chip-list" data-testid="labels">
              {s.view.labels.map((l) => (
                <li key={l} className="chip" data-testid="label">
                  {l}
                </li>
              ))}
            </ul>
          )}
          {showNothing(s.run, s.view.labels.length) && <NothingParsed run={s.run} what={t('classify.what')} unparsed={s.view.unparsed} />}
        </section>
      )}
      <RawOutput run={s.run} />
    </div>
  );
}

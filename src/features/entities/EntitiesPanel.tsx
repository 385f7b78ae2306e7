import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ENTITY_PRESETS } from '../../core/tasks/presets';
import { ExamplePicker } from '../../components/ExamplePicker';
import { LangSelect } from '../../components/LangSelect';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { TypePicker } from '../../components/TypePicker';
import { ENTITY_PRESET_IDS, entityTypes, useEntities } from '../../store/entities';
import { promptLang } from '../../store/taskRun';
import { ENTITY_EXAMPLES } from './examples';
import { EntityResult } from './EntityResult';
import { ImportAnnotations } from './ImportAnnotations';
import { TaskSettings } from '../workbench/TaskSettings';

/** Entity recognition: the text, the types to look for, the run, and the located result. */
export function EntitiesPanel() {
  const { t } = useTranslation('workbench');
  const { input, langMode, preset, unchecked, freeTypes, run } = useEntities(
    useShallow(({ input, langMode, preset, unchecked, freeTypes, run }) => ({ input, langMode, preset, unchecked, freeTypes, run })),
  );
  const { set, start, stop } = useEntities(useShallow(({ set, start, stop }) => ({ set, start, stop })));
  const lang = useMemo(() => promptLang(langMode, input), [langMode, input]);
  const types = entityTypes({ preset, unchecked, freeTypes }, lang);
  const why = !input.trim() ? t('run.needInput') : types.length === 0 ? t('run.needTypes') : null;

  return (
    <div className="task">
      <TaskInput label={t('entities.input')} value={input} onChange={(v) => set({ input: v })} onSubmit={() => void start()} placeholder={t('entities.placeholder')}>
        <ExamplePicker
          examples={ENTITY_EXAMPLES}
          onPick={(ex) => set({ input: ex.text, preset: ex.preset, freeTypes: ex.freeTypes ?? '', unchecked: [] })}
        />
      </TaskInput>
      <div className="task-options">
        <TypePicker
          legend={t('entities.types')}
          presets={ENTITY_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
          preset={preset}
          onPreset={(id) => set({ preset: id as typeof preset, unchecked: [] })}
          names={preset ? ENTITY_PRESETS[preset].names[lang] : []}
          unchecked={unchecked}
          onUnchecked={(names) => set({ unchecked: names })}
          freeTypes={freeTypes}
          onFreeTypes={(v) => set({ freeTypes: v })}
          freeLabel={t('entities.freeTypes')}
        />
        <LangSelect value={langMode} onChange={(v) => set({ langMode: v })} input={input} />
        <TaskSettings task="entities" />
      </div>
      <RunBar run={run} ready={!why} why={why} onRun={() => void start()} onStop={stop} />
      <ImportAnnotations />
      <EntityResult />
      <RawOutput run={run} />
    </div>
  );
}

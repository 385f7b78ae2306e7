import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { RELATION_PRESETS } from '../../core/tasks/presets';
import { ExamplePicker } from '../../components/ExamplePicker';
import { LangSelect } from '../../components/LangSelect';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { TypePicker } from '../../components/TypePicker';
import { RELATION_PRESET_IDS, relationTypes, useRelations } from '../../store/relations';
import { promptLang } from '../../store/taskRun';
import { RELATION_EXAMPLES } from './examples';
import { RelationResult } from './RelationResult';
import { TaskSettings } from '../workbench/TaskSettings';

/** Relation extraction: the text, the relation types, the run, and the table with located arguments. */
export function RelationsPanel() {
  const { t } = useTranslation('workbench');
  const { input, langMode, preset, unchecked, freeTypes, run } = useRelations(
    useShallow(({ input, langMode, preset, unchecked, freeTypes, run }) => ({ input, langMode, preset, unchecked, freeTypes, run })),
  );
  const { set, start, stop } = useRelations(useShallow(({ set, start, stop }) => ({ set, start, stop })));
  const lang = useMemo(() => promptLang(langMode, input), [langMode, input]);
  const types = relationTypes({ preset, unchecked, freeTypes }, lang);
  const names = preset ? RELATION_PRESETS[preset].names[lang] : [];
  const why = !input.trim() ? t('run.needInput') : types.length === 0 ? t('run.needTypes') : null;

  return (
    <div className="task">
      <TaskInput label={t('relations.input')} value={input} onChange={(v) => set({ input: v })} onSubmit={() => void start()} placeholder={t('relations.placeholder')}>
        <ExamplePicker
          examples={RELATION_EXAMPLES}
          onPick={(ex) => {
            const all: readonly string[] = ex.preset ? RELATION_PRESETS[ex.preset].names.zh.concat(RELATION_PRESETS[ex.preset].names.en) : [];
            set({ input: ex.text, preset: ex.preset, freeTypes: ex.freeTypes ?? '', unchecked: ex.only ? all.filter((n) => !ex.only!.includes(n)) : [] });
          }}
        />
      </TaskInput>
      <div className="task-options">
        <TypePicker
          legend={t('relations.types')}
          presets={RELATION_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
          preset={preset}
          onPreset={(id) => set({ preset: id as typeof preset, unchecked: [] })}
          names={names}
          unchecked={unchecked}
          onUnchecked={(list) => set({ unchecked: list })}
          freeTypes={freeTypes}
          onFreeTypes={(v) => set({ freeTypes: v })}
          freeLabel={t('relations.freeTypes')}
          freePlaceholder={t('relations.freePlaceholder')}
        />
        <LangSelect value={langMode} onChange={(v) => set({ langMode: v })} input={input} />
        <TaskSettings task="relations" />
      </div>
      <RunBar run={run} ready={!why} why={why} onRun={() => void start()} onStop={stop} />
      <RelationResult />
      <RawOutput run={run} />
    </div>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { TypePicker } from '../../components/TypePicker';
import { ENTITY_PRESETS, LABEL_PRESETS, RELATION_PRESETS } from '../../core/tasks/presets';
import { BATCH_TASKS, type BatchTaskId } from '../../store/batchTasks';
import { useBatch } from '../../store/batch';
import { LABEL_PRESET_IDS, useClassify } from '../../store/classify';
import { ENTITY_PRESET_IDS, useEntities } from '../../store/entities';
import { useQa } from '../../store/qa';
import { RELATION_PRESET_IDS, useRelations } from '../../store/relations';
import type { LangMode } from '../../store/taskRun';
import { useTranslate } from '../../store/translate';

/** The prompt language of a batch: per document by its script, or one for all. */
function BatchLang({ value, onChange }: { value: LangMode; onChange: (v: LangMode) => void }) {
  const { t } = useTranslation('workbench');
  const { t: tj } = useTranslation('jobs');
  return (
    <label>
      {t('lang.label')}
      <select value={value} onChange={(e) => onChange(e.target.value as LangMode)}>
        <option value="auto">{tj('batch.langAuto')}</option>
        <option value="en">{t('lang.en')}</option>
        <option value="zh">{t('lang.zh')}</option>
      </select>
    </label>
  );
}

const namesLang = (mode: LangMode) => (mode === 'zh' ? 'zh' : 'en');

function EntityOptions() {
  const { t } = useTranslation('workbench');
  const s = useEntities(useShallow(({ langMode, preset, unchecked, freeTypes, set }) => ({ langMode, preset, unchecked, freeTypes, set })));
  return (
    <>
      <TypePicker
        legend={t('entities.types')}
        presets={ENTITY_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
        preset={s.preset}
        onPreset={(id) => s.set({ preset: id as typeof s.preset, unchecked: [] })}
        names={s.preset ? ENTITY_PRESETS[s.preset].names[namesLang(s.langMode)] : []}
        unchecked={s.unchecked}
        onUnchecked={(names) => s.set({ unchecked: names })}
        freeTypes={s.freeTypes}
        onFreeTypes={(v) => s.set({ freeTypes: v })}
        freeLabel={t('entities.freeTypes')}
      />
      <BatchLang value={s.langMode} onChange={(v) => s.set({ langMode: v })} />
    </>
  );
}

function RelationOptions() {
  const { t } = useTranslation('workbench');
  const s = useRelations(useShallow(({ langMode, preset, unchecked, freeTypes, set }) => ({ langMode, preset, unchecked, freeTypes, set })));
  return (
    <>
      <TypePicker
        legend={t('relations.types')}
        presets={RELATION_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
        preset={s.preset}
        onPreset={(id) => s.set({ preset: id as typeof s.preset, unchecked: [] })}
        names={s.preset ? RELATION_PRESETS[s.preset].names[namesLang(s.langMode)] : []}
        unchecked={s.unchecked}
        onUnchecked={(names) => s.set({ unchecked: names })}
        freeTypes={s.freeTypes}
        onFreeTypes={(v) => s.set({ freeTypes: v })}
        freeLabel={t('relations.freeTypes')}
      />
      <BatchLang value={s.langMode} onChange={(v) => s.set({ langMode: v })} />
    </>
  );
}

function ClassifyOptions() {
  const { t } = useTranslation('workbench');
  const s = useClassify(useShallow(({ langMode, preset, unchecked, freeLabels, multiLabel, set }) => ({ langMode, preset, unchecked, freeLabels, multiLabel, set })));
  return (
    <>
      <TypePicker
        legend={t('classify.labels')}
        presets={LABEL_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
        preset={s.preset}
        onPreset={(id) => s.set({ preset: id as typeof s.preset, unchecked: [], multiLabel: id ? LABEL_PRESETS[id as keyof typeof LABEL_PRESETS].multiLabel : s.multiLabel })}
        names={s.preset ? LABEL_PRESETS[s.preset].names[namesLang(s.langMode)] : []}
        unchecked={s.unchecked}
        onUnchecked={(names) => s.set({ unchecked: names })}
        freeTypes={s.freeLabels}
        onFreeTypes={(v) => s.set({ freeLabels: v })}
        freeLabel={t('classify.freeLabels')}
        freePlaceholder={t('classify.freePlaceholder')}
      />
      <label className="checkbox">
        <input type="checkbox" checked={s.multiLabel} onChange={(e) => s.set({ multiLabel: e.target.checked })} /> {t('classify.multiLabel')}
      </label>
      <BatchLang value={s.langMode} onChange={(v) => s.set({ langMode: v })} />
    </>
  );
}

function QaOptions() {
  const { t } = useTranslation('jobs');
  const id = useId();
  const s = useQa(useShallow(({ langMode, format, question, set }) => ({ langMode, format, question, set })));
  return (
    <>
      <label>
        {t('batch.qaFormat')}
        <select value={s.format === 'yesno' ? 'yesno' : 'free'} onChange={(e) => s.set({ format: e.target.value as 'free' | 'yesno' })}>
          <option value="free">{t('batch.qaFree')}</option>
          <option value="yesno">{t('batch.qaYesNo')}</option>
        </select>
      </label>
      <label htmlFor={id}>{t('batch.question')}</label>
      <input id={id} type="text" value={s.question} onChange={(e) => s.set({ question: e.target.value })} />
      <p className="hint">{t('batch.questionHint')}</p>
      <BatchLang value={s.langMode} onChange={(v) => s.set({ langMode: v })} />
    </>
  );
}

function TranslateOptions() {
  const { t } = useTranslation('jobs');
  const s = useTranslate(useShallow(({ direction, set }) => ({ direction, set })));
  return (
    <label>
      {t('batch.direction')}
      <select value={s.direction} onChange={(e) => s.set({ direction: e.target.value as typeof s.direction })}>
        <option value="auto">{t('batch.directionAuto')}</option>
        <option value="en2zh">{t('batch.en2zh')}</option>
        <option value="zh2en">{t('batch.zh2en')}</option>
      </select>
    </label>
  );
}

const OPTIONS: Record<BatchTaskId, (() => React.JSX.Element) | null> = {
  entities: EntityOptions,
  relations: RelationOptions,
  classify: ClassifyOptions,
  qa: QaOptions,
  translate: TranslateOptions,
  title: null,
};

/** The task of the batch and its options: the same settings as the task's own tab (changing one changes both). */
export function BatchTaskOptions({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('jobs');
  const { t: tc } = useTranslation();
  const id = useId();
  const { task, set } = useBatch(useShallow(({ task, set }) => ({ task, set })));
  const Options = OPTIONS[task];
  return (
    <fieldset className="task-options" disabled={disabled}>
      <legend>{t('batch.taskLegend')}</legend>
      <label htmlFor={id}>{t('batch.task')}</label>
      <select id={id} data-testid="batch-task" value={task} onChange={(e) => set({ task: e.target.value as BatchTaskId })}>
        {BATCH_TASKS.map((x) => (
          <option key={x} value={x}>
            {tc(`tasks.${x}`)}
          </option>
        ))}
      </select>
      <p className="hint">{t('batch.sameOptions')}</p>
      {Options && <Options />}
    </fieldset>
  );
}

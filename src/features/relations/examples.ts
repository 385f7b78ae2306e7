import type { Example } from '../../components/ExamplePicker';
import type { RelationPresetId } from '../../core/tasks/presets';

export interface RelationExample extends Example {
  text: string;
  preset: RelationPresetId | '';
  /** Only these of the preset's types are asked for. */
  only?: string[];
  freeTypes?: string;
}

/** Curated inputs: Taiyi's README examples (DDI, CMeIE) and records of the paper's test sets. */
export const RELATION_EXAMPLES: readonly RelationExample[] = [
  {
    id: 'reDdi',
    preset: 'ddi',
    text:
      'Mitotane has been reported to accelerate the metabolism of warfarin by the mechanism of hepatic microsomal enzyme ' +
      'induction, leading to an increase in dosage requirements for warfarin. Therefore, physicians should closely monitor ' +
      'patients for a change in anticoagulant dosage requirements when administering Mitotane to patients on coumarin-type ' +
      'anticoagulants. In addition, Mitotane should be given with caution to patients receiving other drugs susceptible to ' +
      'the influence of hepatic enzyme induction.',
  },
  {
    id: 'reCid',
    preset: 'bc5cdr-cid',
    text:
      'Indomethacin induced hypotension in sodium and volume depleted rats. After a single oral dose of 4 mg/kg ' +
      'indomethacin (IDM) to sodium and volume depleted rats plasma renin activity (PRA) and systolic blood pressure fell ' +
      'significantly within four hours. In sodium repleted animals indomethacin did not change systolic blood pressure (BP) ' +
      'although plasma renin activity was decreased.',
  },
  {
    id: 'reZhTreatment',
    preset: '',
    freeTypes: '药物治疗',
    text: '慢性阻塞性肺疾病@减少急性加重：有高质量的证据证实，β2 受体激动剂在减少 12-52 周急性加重方面比安慰剂更有效。',
  },
  {
    id: 'reCmeie',
    preset: 'cmeie',
    only: ['临床表现'],
    text: '小细胞肺癌@可有特征性的咳嗽、呼吸困难、咯血、体重减轻、发热、关节痛、皮肤病变、盗汗，或者无症状。',
  },
];

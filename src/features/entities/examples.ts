import type { Example } from '../../components/ExamplePicker';
import type { EntityPresetId } from '../../core/tasks/presets';

export interface EntityExample extends Example {
  text: string;
  preset: EntityPresetId | '';
  freeTypes?: string;
}

/** Curated inputs: Taiyi's own README examples and records of the paper's test sets (BC5CDR, CMeEE). */
export const ENTITY_EXAMPLES: readonly EntityExample[] = [
  {
    id: 'nerBc5cdr',
    preset: 'bc5cdr',
    text:
      'Famotidine-associated delirium. A series of six cases. Famotidine is a histamine H2-receptor antagonist used in ' +
      'inpatient settings for prevention of stress ulcers and is showing increasing popularity because of its low cost. ' +
      'Although all of the currently available H2-receptor antagonists have shown the propensity to cause delirium, only ' +
      'two previously reported cases have been associated with famotidine. The authors report on six cases of ' +
      'famotidine-associated delirium in hospitalized patients who cleared completely upon removal of famotidine. The ' +
      'pharmacokinetics of famotidine are reviewed, with no change in its metabolism in the elderly population seen. The ' +
      'implications of using famotidine in elderly persons are discussed.',
  },
  {
    id: 'nerMarfan',
    preset: '',
    freeTypes: 'gene, disease',
    text: 'Identification of a novel FBN1 gene mutation in a Chinese family with Marfan syndrome.',
  },
  {
    id: 'nerZhDrug',
    preset: '',
    freeTypes: '疾病，药物',
    text: '治疗以选用大环内酯类抗生素，沙眼衣原体肺炎也可用磺胺二甲基异唑，年长儿和成人用氟喹诺酮类效果也很好。',
  },
  {
    id: 'nerCmeee',
    preset: 'cmeee',
    text:
      '（二）临床症状、体征与成年人类似，起病急，主要表现为发热和咳嗽，热峰高，腋温多在39℃以上，发热持续时间平均超过一周。' +
      '可为不规则发热、稽留热或弛张热，但以不规则发热为多，可能与患儿应用退热药物导致热型不规律有关。',
  },
];

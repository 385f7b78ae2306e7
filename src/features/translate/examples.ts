import type { Example } from '../../components/ExamplePicker';
export interface TranslateExample extends Example {
  text: string;
}

/** Taiyi's README translation examples and a ParaMed sentence. */
export const TRANSLATE_EXAMPLES: readonly TranslateExample[] = [
  {
    id: 'mtEn',
    text:
      'Metabolic-associated fatty liver disease (MAFLD), formerly known as non-alcoholic fatty liver disease (NAFLD), is one of ' +
      'the most popular chronic liver diseases in the world. There are many explorations on the epidemiology and risk factors ' +
      'of the disease published in recent years. With the increasing burden of MAFLD on medical care and social economy, drug ' +
      'treatment of MAFLD has become an urgent research hotspot.',
  },
  {
    id: 'mtZh',
    text:
      '光动力疗法（PDT）作为一种新兴的肿瘤治疗手段，因其不良反应较少、靶向性好、可重复治疗等优点，已广泛应用于临床多种肿瘤的治疗。' +
      '相比于手术、化疗及放疗等传统治疗策略，光动力疗法不仅可杀伤原位肿瘤，还可通过激活机体的免疫效应对转移瘤发挥抑制作用。',
  },
  { id: 'mtZhShort', text: '单纯化疗组患者接受的中位疗程数是6个疗程(范围0~30),化疗联合贝伐珠单抗治疗的患者疗程中位数是7个疗程(范围0~36).' },
];

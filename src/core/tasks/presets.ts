/**
 * Entity types, relation types and labels of the paper's datasets, per prompt language. The spellings are
 * the ones the prompts use and the parsers return; aliases are other names the model is known to use.
 */
import type { Lang } from '../lang.ts';
import { CMEIE_PREDICATES } from './cmeie-schema.ts';

export interface NamePreset {
  /** Short human-readable name of the dataset. */
  label: string;
  names: Readonly<Record<Lang, readonly string[]>>;
  aliases?: Readonly<Record<string, string>>;
  /** Entity types whose spans contain other types' spans in the dataset's gold (see alignMentions). */
  nestingTypes?: readonly string[];
}

export interface RelationPreset extends NamePreset {
  /** English multi-type prompts say what the entities are ("relations of drug entity pairs"). */
  entityKind?: string;
}

export interface LabelPreset extends NamePreset {
  multiLabel: boolean;
}

/** CMeEE's nine types (CBLUE codes dis, sym, dru, equ, pro, bod, ite, mic, dep), in that order. */
export const CMEEE_TYPES = ['疾病', '临床表现', '药物', '医疗设备', '医疗程序', '身体', '医学检验项目', '微生物类', '科室'] as const;
/** CMeEE type codes → Chinese type names. */
export const CMEEE_CODES: Readonly<Record<string, string>> = {
  dis: '疾病',
  sym: '临床表现',
  dru: '药物',
  equ: '医疗设备',
  pro: '医疗程序',
  bod: '身体',
  ite: '医学检验项目',
  mic: '微生物类',
  dep: '科室',
};

export const ENTITY_PRESETS = {
  bc5cdr: { label: 'BC5CDR', names: { en: ['Chemical', 'Disease'], zh: ['化学物质', '疾病'] } },
  'ncbi-disease': { label: 'NCBI disease', names: { en: ['disease'], zh: ['疾病'] } },
  chemdner: { label: 'CHEMDNER', names: { en: ['chemical'], zh: ['化学物质'] } },
  cmeee: {
    label: 'CMeEE',
    names: {
      zh: CMEEE_TYPES,
      en: [
        'disease',
        'clinical manifestation',
        'drug',
        'medical equipment',
        'medical procedure',
        'body',
        'medical test item',
        'microorganism',
        'department',
      ],
    },
    // PromptCBLUE's names for two of the types.
    aliases: { 身体部位: '身体', 医院科室: '科室' },
    // Only a clinical manifestation contains other entities (身体 `头` in `头痛`), so `血` is no span in `血压`.
    nestingTypes: ['临床表现', 'clinical manifestation'],
  },
} as const satisfies Record<string, NamePreset>;

export const RELATION_PRESETS = {
  'bc5cdr-cid': { label: 'BC5CDR chemical-induced disease', names: { en: ['chemical-induced disease'], zh: ['化学物质诱发疾病'] } },
  ddi: {
    label: 'DDI',
    names: { en: ['ADVISE', 'MECHANISM', 'EFFECT', 'INT'], zh: ['ADVISE', 'MECHANISM', 'EFFECT', 'INT'] },
    entityKind: 'drug',
  },
  cmeie: { label: 'CMeIE', names: { zh: CMEIE_PREDICATES, en: CMEIE_PREDICATES } },
  cpi: {
    label: 'Compound–protein interaction',
    names: { en: ['relation between compound and protein entity'], zh: ['化合物与蛋白质'] },
  },
} as const satisfies Record<string, RelationPreset>;

const LITCOVID = ['Case Report', 'Prevention', 'Transmission', 'Diagnosis', 'Mechanism', 'Treatment', 'Epidemic Forecasting'];
/** HoC's ten hallmarks of cancer, in the order of the dataset's label flags 0–9. */
export const HOC_LABELS = [
  'activating invasion and metastasis',
  'avoiding immune destruction',
  'cellular energetics',
  'enabling replicative immortality',
  'evading growth suppressors',
  'genomic instability and mutation',
  'inducing angiogenesis',
  'resisting cell death',
  'sustaining proliferative signaling',
  'tumor promoting inflammation',
] as const;
/** KUAKE-QIC's eleven intents as Taiyi's README prompt lists them. */
export const KUAKE_QIC_LABELS = [
  '医疗费用',
  '后果表述',
  '指标解读',
  '病情诊断',
  '就医建议',
  '疾病描述',
  '其他',
  '治疗方案',
  '病因分析',
  '功效作用',
  '注意事项',
] as const;

export const LABEL_PRESETS = {
  litcovid: { label: 'LitCovid', names: { en: LITCOVID, zh: LITCOVID }, multiLabel: true },
  hoc: { label: 'Hallmarks of Cancer', names: { en: HOC_LABELS, zh: HOC_LABELS }, multiLabel: true },
  'kuake-qic': {
    label: 'KUAKE-QIC',
    names: { zh: KUAKE_QIC_LABELS, en: KUAKE_QIC_LABELS },
    multiLabel: false,
    // CBLUE's gold label for what Taiyi's prompt calls 疾病描述.
    aliases: { 疾病表述: '疾病描述' },
  },
} as const satisfies Record<string, LabelPreset>;

export type EntityPresetId = keyof typeof ENTITY_PRESETS;
export type RelationPresetId = keyof typeof RELATION_PRESETS;
export type LabelPresetId = keyof typeof LABEL_PRESETS;

/**
 * A type name as the UI shows it in `lang`: in the Chinese UI an entity or relation preset's English name is shown
 * as its Chinese counterpart (Chemical → 化学物质), case-insensitively; any other name as it is (Chinese dataset
 * names are the datasets' own, kept in the English UI). Prompts, exports and `data-type` keep the dataset's own
 * name. Labels whose prompts are English in both languages (LitCovid, HoC) are translated by the UI's strings.
 */
export function displayTypeName(type: string, lang: Lang): string {
  if (lang !== 'zh') return type;
  const folded = type.toLowerCase();
  for (const preset of [...Object.values(ENTITY_PRESETS), ...Object.values(RELATION_PRESETS)] as NamePreset[]) {
    const i = preset.names.en.findIndex((n) => n.toLowerCase() === folded);
    if (i >= 0) return preset.names.zh[i] ?? type;
  }
  return type;
}

/**
 * Prompt variants for scoring runs: other wordings of a test set's prompt whose effect can only be measured
 * with Taiyi itself. The first variant of every set is the verified wording its loader builds; a variant may
 * ask one example in several prompts (one relation type each), whose answers are read together.
 */
import { buildClassifyPrompt } from '../tasks/classify.ts';
import { CMEIE_PREDICATES, CMEIE_SCHEMAS } from '../tasks/cmeie-schema.ts';
import { HOC_LABELS } from '../tasks/presets.ts';
import { buildRePrompt } from '../tasks/relations.ts';
import { relationKey, uniqueBy } from '../text.ts';
import type { BenchmarkDataset, BenchmarkExample, DatasetName, Gold } from './types.ts';

/** One prompt of a variant; `key` tells the prompts of one example apart (ids `<id>#<key>`). */
export interface VariantPrompt {
  key?: string;
  prompt: string;
  /** The relation types this prompt asks for, when fewer than the dataset's. */
  types?: readonly string[];
}

export interface PromptVariant {
  name: string;
  /** One line: what the variant asks. */
  description: string;
  prompts(example: BenchmarkExample): VariantPrompt[];
}

const VERIFIED: PromptVariant = {
  name: 'default',
  description: 'the verified wording the set is scored with (see docs/evaluation.md)',
  prompts: (ex) => [{ prompt: ex.prompt }],
};

const cmeiePrompt = (ex: BenchmarkExample, types: readonly string[]) => buildRePrompt(ex.text ?? '', { types }, 'zh');

/** Predicates per subject type, in schema order (疾病 has most; the others only 同义词). */
const BY_SUBJECT = [...new Set(CMEIE_SCHEMAS.map((s) => s.subjectType))].map(
  (subject) => [subject, [...new Set(CMEIE_SCHEMAS.filter((s) => s.subjectType === subject).map((s) => s.predicate))]] as const,
);

const VARIANTS: Partial<Record<DatasetName, readonly PromptVariant[]>> = {
  cmeie: [
    {
      ...VERIFIED,
      name: 'all-types',
      description: `one prompt listing all ${CMEIE_PREDICATES.length} relation types (PromptCBLUE wording; default)`,
    },
    {
      name: 'per-type',
      description: "one prompt per relation type, as Taiyi's README asks (给出句子中X关系类型的实体对)",
      prompts: (ex) => CMEIE_PREDICATES.map((p) => ({ key: p, prompt: cmeiePrompt(ex, [p]), types: [p] })),
    },
    {
      name: 'by-subject',
      description: "one prompt per subject type of the schema, listing that type's relation types",
      prompts: (ex) => BY_SUBJECT.map(([subject, types]) => ({ key: subject, prompt: cmeiePrompt(ex, types), types })),
    },
  ],
  hoc: [
    { ...VERIFIED, name: 'labels', description: 'the ten hallmarks as labels, as on the LitCovid slide (default)' },
    {
      name: 'with-none',
      description: 'the ten hallmarks plus a None label, since most sentences have none',
      prompts: (ex) => [{ prompt: buildClassifyPrompt(ex.text ?? '', { labels: [...HOC_LABELS, 'None'], template: 3 }, 'en') }],
    },
  ],
};

/** The prompt variants of a dataset, default first. */
export function promptVariants(name: DatasetName): readonly PromptVariant[] {
  return VARIANTS[name] ?? [VERIFIED];
}

/**
 * The named variant of a dataset (the default when no name is given), or undefined for an unknown name.
 */
export function findVariant(name: DatasetName, variant?: string): PromptVariant | undefined {
  const all = promptVariants(name);
  return variant === undefined ? all[0] : all.find((v) => v.name === variant);
}

/** Id of one prompt of an example in prompt and prediction files. */
export const promptId = (example: BenchmarkExample, p: VariantPrompt): string => (p.key ? `${example.id}#${p.key}` : example.id);

/**
 * Reads the answers to one example's prompts into one prediction: relations are pooled over the prompts,
 * each read with the types it asked for. Returns undefined when no prompt of the example has an answer.
 */
export function predictVariant(
  dataset: BenchmarkDataset,
  variant: PromptVariant,
  example: BenchmarkExample,
  outputs: ReadonlyMap<string, string>,
): Gold | undefined {
  const prompts = variant.prompts(example);
  const answered = prompts.filter((p) => outputs.has(promptId(example, p)));
  if (answered.length === 0) return undefined;
  if (prompts.length === 1) return dataset.predict(example, outputs.get(promptId(example, prompts[0])) ?? '');
  const relations = answered.flatMap((p) => {
    const g = dataset.predict(example, outputs.get(promptId(example, p)) ?? '', p.types);
    return 'relations' in g ? g.relations : [];
  });
  return { relations: uniqueBy(relations, relationKey) };
}

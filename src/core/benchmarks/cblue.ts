/**
 * The three CBLUE sets (Chinese): CMeEE-V2 entities, CMeIE-V2 relations and KUAKE-QIC query intents,
 * evaluated on their dev files as in the paper (CBLUE's test labels are not public).
 */
import { taskGrammar } from '../grammar/index.ts';
import { buildClassifyPrompt, parseClassify, renderClassify } from '../tasks/classify.ts';
import { CMEIE_PREDICATES } from '../tasks/cmeie-schema.ts';
import { buildNerPrompt, parseNer, renderNer } from '../tasks/ner.ts';
import { CMEEE_CODES, CMEEE_TYPES, ENTITY_PRESETS, KUAKE_QIC_LABELS, LABEL_PRESETS } from '../tasks/presets.ts';
import { buildRePrompt, parseRe, renderRe } from '../tasks/relations.ts';
import { entityKey, foldName, relationKey, uniqueBy } from '../text.ts';
import { isRecord, parseJson, parseRecords, memberLines, single } from './io.ts';
import { BenchmarkInputError } from './types.ts';
import type { BenchmarkDataset, BenchmarkExample, EntityPair, GoldSpan, RelationTriple } from './types.ts';

const ner = { types: CMEEE_TYPES, aliases: ENTITY_PRESETS.cmeee.aliases };
const str = (x: unknown) => (typeof x === 'string' ? x : undefined);

/** A CMeEE type code or Chinese name (either spelling of 身体 / 科室) as the prompt's type name. */
function cmeeeType(raw: string): string | undefined {
  if (CMEEE_CODES[raw]) return CMEEE_CODES[raw];
  const aliased = (ner.aliases as Record<string, string>)[raw] ?? raw;
  return (CMEEE_TYPES as readonly string[]).includes(aliased) ? aliased : undefined;
}

export const cmeee: BenchmarkDataset = {
  name: 'cmeee',
  title: 'CMeEE',
  task: 'ner',
  metric: 'micro_f1',
  lang: 'zh',
  files: 'CMeEE-V2_dev.json',
  load(files) {
    const file = single(files, 'cmeee', 'CMeEE-V2_dev.json');
    const warnings: string[] = [];
    const examples = parseRecords(file).map(({ value, line }, index): BenchmarkExample => {
      if (!isRecord(value) || typeof value.text !== 'string')
        throw new BenchmarkInputError(file.path, line, 'expected a {text, entities} record: wrong file for cmeee?');
      if (!Array.isArray(value.entities))
        throw new BenchmarkInputError(
          file.path,
          line,
          'record has no "entities" list: wrong file for cmeee? (CBLUE test files are unlabelled; use the dev file)',
        );
      const spans: GoldSpan[] = [];
      const entities = value.entities.map((e): EntityPair => {
        const type = isRecord(e) ? cmeeeType(String(e.type)) : undefined;
        const text = isRecord(e) ? str(e.entity) : undefined;
        if (!isRecord(e) || !type || text === undefined)
          throw new BenchmarkInputError(
            file.path,
            line,
            `entity ${JSON.stringify(e)} needs a known type (dis, sym, dru, equ, pro, bod, ite, mic, dep) and "entity"`,
          );
        const start = Number(e.start_idx);
        if (Number.isInteger(start) && (value.text as string).slice(start, Number(e.end_idx) + 1) !== text)
          warnings.push(`${file.path}:${line}: entity "${text}" does not match the text at ${start}-${e.end_idx}`);
        // CMeEE's end_idx is inclusive.
        if (Number.isInteger(start) && Number.isInteger(Number(e.end_idx))) spans.push({ type, start, end: Number(e.end_idx) + 1 });
        return { type, text: text.trim() };
      });
      return {
        id: String(index),
        dataset: 'cmeee',
        prompt: buildNerPrompt(value.text, ner, 'zh'),
        gold: { entities: uniqueBy(entities, entityKey) },
        text: value.text,
        spans,
      };
    });
    return { examples, warnings };
  },
  predict(example, output) {
    return { entities: uniqueBy(parseNer(output, { ...ner, source: example.text }).entities, entityKey) };
  },
  render(example) {
    return 'entities' in example.gold ? renderNer(example.gold.entities, 'zh') : '';
  },
  grammar: () => taskGrammar('entities', ner, 'zh'),
  // CMeEE's guidelines nest other entities only inside a clinical manifestation (e.g. 身体 `头` in `头痛`).
  nestingTypes: ENTITY_PRESETS.cmeee.nestingTypes,
};

const re = { types: CMEIE_PREDICATES };

export const cmeie: BenchmarkDataset = {
  name: 'cmeie',
  title: 'CMeIE',
  task: 're',
  metric: 'micro_f1',
  lang: 'zh',
  files: 'CMeIE-V2_dev.jsonl',
  load(files) {
    const file = single(files, 'cmeie', 'CMeIE-V2_dev.jsonl');
    const examples = parseRecords(file).map(({ value, line }, index): BenchmarkExample => {
      if (!isRecord(value) || typeof value.text !== 'string')
        throw new BenchmarkInputError(file.path, line, 'expected a {text, spo_list} record: wrong file for cmeie?');
      if (!Array.isArray(value.spo_list))
        throw new BenchmarkInputError(
          file.path,
          line,
          'record has no "spo_list": wrong file for cmeie? (CBLUE test files are unlabelled; use the dev file)',
        );
      const relations = value.spo_list.map((spo): RelationTriple => {
        // V2 wraps the object as {"@value": …}; V1 has a plain string.
        const object = isRecord(spo) ? (isRecord(spo.object) ? str(spo.object['@value']) : str(spo.object)) : undefined;
        const predicate = isRecord(spo) ? str(spo.predicate) : undefined;
        const subject = isRecord(spo) ? str(spo.subject) : undefined;
        if (!predicate || subject === undefined || object === undefined)
          throw new BenchmarkInputError(file.path, line, `spo ${JSON.stringify(spo)} needs predicate, subject and object`);
        if (!CMEIE_PREDICATES.includes(predicate))
          throw new BenchmarkInputError(file.path, line, `predicate "${predicate}" is not in the CMeIE schema`);
        // Surrounding spaces are not part of a name (one CMeIE object is " CD5 和 CD19 呈阳性").
        return { type: predicate, head: subject.trim(), tail: object.trim() };
      });
      return {
        id: String(index),
        dataset: 'cmeie',
        prompt: buildRePrompt(value.text, re, 'zh'),
        gold: { relations: uniqueBy(relations, relationKey) },
        text: value.text,
      };
    });
    return { examples, warnings: [] };
  },
  predict(_example, output, types) {
    return { relations: uniqueBy(parseRe(output, types ? { types } : re).relations, relationKey) };
  },
  render(example) {
    return 'relations' in example.gold ? renderRe(example.gold.relations, 'zh') : '';
  },
  grammar: () => taskGrammar('relations', re, 'zh'),
};

const qic = { labels: KUAKE_QIC_LABELS, aliases: LABEL_PRESETS['kuake-qic'].aliases };

/** CBLUE's gold spelling (疾病表述) or Taiyi's (疾病描述) → the prompt's label, or undefined. */
function qicLabel(raw: string): string | undefined {
  const aliased = (qic.aliases as Record<string, string>)[raw] ?? raw;
  return KUAKE_QIC_LABELS.find((l) => foldName(l) === foldName(aliased));
}

export const kuakeQic: BenchmarkDataset = {
  name: 'kuake-qic',
  title: 'KUAKE-QIC',
  task: 'classification',
  metric: 'micro_f1',
  lang: 'zh',
  files: 'KUAKE-QIC_dev.json',
  load(files) {
    const file = single(files, 'kuake-qic', 'KUAKE-QIC_dev.json');
    const data = parseJson(file);
    if (!Array.isArray(data))
      throw new BenchmarkInputError(file.path, 1, 'expected a JSON list of {id, query, label}: wrong file for kuake-qic?');
    const lines = memberLines(file.content);
    const examples = data.map((value, i): BenchmarkExample => {
      const line = lines[i];
      if (!isRecord(value) || typeof value.query !== 'string' || value.id === undefined)
        throw new BenchmarkInputError(file.path, line, 'expected an {id, query, label} record: wrong file for kuake-qic?');
      if (typeof value.label !== 'string' || !value.label)
        throw new BenchmarkInputError(file.path, line, 'record has no label (the CBLUE test file is unlabelled; use the dev file)');
      const label = qicLabel(value.label);
      if (!label) throw new BenchmarkInputError(file.path, line, `label "${value.label}" is not a KUAKE-QIC intent`);
      return { id: String(value.id), dataset: 'kuake-qic', prompt: buildClassifyPrompt(value.query, qic, 'zh'), gold: { labels: [label] } };
    });
    return { examples, warnings: [] };
  },
  predict(_example, output) {
    return { labels: parseClassify(output, qic).labels };
  },
  render(example) {
    return 'labels' in example.gold ? renderClassify(example.gold.labels, 'zh') : '';
  },
  grammar: () => taskGrammar('classify', qic, 'zh'),
};

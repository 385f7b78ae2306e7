/**
 * BC5CDR (chemical NER, disease NER, chemical-induced disease relations) and NCBI disease, read from their
 * PubTator files. Text is `title + " " + abstract`, as the offsets and the verified BC5CDR prompt use it.
 */
import { taskGrammar } from '../grammar/index.ts';
import { fromPubTator } from '../formats/pubtator.ts';
import { AnnotationFormatError } from '../formats/types.ts';
import type { AnnotatedDocument } from '../formats/types.ts';
import { buildNerPrompt, parseNer, renderNer } from '../tasks/ner.ts';
import { buildRePrompt, parseRe, renderRe } from '../tasks/relations.ts';
import { entityKey, foldName, relationKey, splitLines, uniqueBy } from '../text.ts';
import { single } from './io.ts';
import { BenchmarkInputError, UNMAPPED } from './types.ts';
import type { BenchmarkDataset, BenchmarkExample, ConceptMention, Gold, InputFile, LoadResult, RelationTriple } from './types.ts';

const BC5CDR_TYPES = ['Chemical', 'Disease'];
const NCBI_TYPES = new Set(['SpecificDisease', 'Modifier', 'DiseaseClass', 'CompositeMention']);
const CID_TYPE = 'chemical-induced disease';

/** Reads a PubTator file, naming the line of the first mention whose type the dataset does not have. */
function readPubTator(file: InputFile, dataset: string, allowed: ReadonlySet<string>): { docs: AnnotatedDocument[]; warnings: string[] } {
  let result;
  try {
    result = fromPubTator(file.content);
  } catch (e) {
    if (e instanceof AnnotationFormatError)
      throw new BenchmarkInputError(file.path, e.line, `${dataset} expects a PubTator file: ${e.message.replace(/^line \d+: /, '')}`);
    throw e;
  }
  if (result.documents.length === 0) throw new BenchmarkInputError(file.path, undefined, `no PubTator documents found (${dataset})`);
  const lines = splitLines(file.content);
  for (const doc of result.documents) {
    if (!doc.passages?.[0]?.text) {
      const line = lines.findIndex((l) => l.startsWith(`${doc.id}\t`)) + 1;
      throw new BenchmarkInputError(file.path, line || undefined, `document ${doc.id} has no title line (${doc.id}|t|…)`);
    }
    const bad = doc.entities.find((e) => !allowed.has(e.type));
    if (bad) {
      const line = lines.findIndex((l) => l.startsWith(`${doc.id}\t${bad.start}\t${bad.end}\t`)) + 1;
      throw new BenchmarkInputError(
        file.path,
        line || undefined,
        `mention type "${bad.type}" is not one of ${[...allowed].join(', ')}: wrong file for ${dataset}?`,
      );
    }
  }
  return { docs: result.documents, warnings: result.warnings.map((w) => `${file.path}: ${w}`) };
}

/** NER over a PubTator corpus: gold is each document's unique (type, mention) pairs of the scored types. */
function pubtatorNer(
  name: 'bc5cdr-chem' | 'bc5cdr-disease' | 'ncbi-disease',
  title: string,
  promptTypes: string[],
  scored: string,
  template: number,
): BenchmarkDataset {
  const ner = { types: promptTypes, template };
  const fileTypes = name === 'ncbi-disease' ? NCBI_TYPES : new Set(BC5CDR_TYPES);
  const toScored = (type: string) => (name === 'ncbi-disease' ? scored : type);
  const expected = name === 'ncbi-disease' ? 'NCBItestset_corpus.txt (PubTator)' : 'CDR_TestSet.PubTator.txt';
  return {
    name,
    title,
    task: 'ner',
    metric: 'micro_f1',
    lang: 'en',
    files: expected,
    load(files): LoadResult {
      const file = single(files, name, expected);
      const { docs, warnings } = readPubTator(file, name, fileTypes);
      const examples = docs.map((doc): BenchmarkExample => ({
        id: doc.id,
        dataset: name,
        prompt: buildNerPrompt(doc.text, ner, 'en'),
        gold: {
          entities: uniqueBy(
            doc.entities.map((e) => ({ type: toScored(e.type), text: e.text.trim() })).filter((e) => e.type === scored),
            entityKey,
          ),
        },
        text: doc.text,
        spans: doc.entities.filter((e) => toScored(e.type) === scored).map((e) => ({ type: scored, start: e.start, end: e.end })),
      }));
      return { examples, warnings };
    },
    // Both BC5CDR sets use the same two-type prompt (the slide's); each scores only its own type.
    predict(example, output): Gold {
      const entities = parseNer(output, { ...ner, source: example.text }).entities.filter((e) => foldName(e.type) === foldName(scored));
      return {
        entities: uniqueBy(
          entities.map((e) => ({ type: scored, text: e.text })),
          entityKey,
        ),
      };
    },
    render(example) {
      return 'entities' in example.gold ? renderNer(example.gold.entities, 'en') : '';
    },
    grammar: () => taskGrammar('entities', ner, 'en'),
    nestingTypes: [],
  };
}

export const bc5cdrChem = pubtatorNer('bc5cdr-chem', 'BC5CDR-Chem', BC5CDR_TYPES, 'Chemical', 1);
export const bc5cdrDisease = pubtatorNer('bc5cdr-disease', 'BC5CDR-Dise', BC5CDR_TYPES, 'Disease', 1);
export const ncbiDisease = pubtatorNer('ncbi-disease', 'NCBI-disease', ['disease'], 'disease', 0);

const re = { types: [CID_TYPE] };

/** Ids of the document's mentions of a type whose text equals the name, case-insensitively; `-1` is no id. */
function idsFor(mentions: readonly ConceptMention[], type: string, name: string): string[] {
  const key = name.toLowerCase();
  return [...new Set(mentions.filter((m) => m.type === type && m.text.toLowerCase() === key).flatMap((m) => m.ids))].filter(
    (id) => id !== '-1' && id !== '',
  );
}

export const bc5cdrCid: BenchmarkDataset = {
  name: 'bc5cdr-cid',
  title: 'BC5CDR (CID)',
  task: 're',
  metric: 'micro_f1',
  lang: 'en',
  files: 'CDR_TestSet.PubTator.txt',
  load(files) {
    const file = single(files, 'bc5cdr-cid', 'CDR_TestSet.PubTator.txt');
    const { docs, warnings } = readPubTator(file, 'bc5cdr-cid', new Set(BC5CDR_TYPES));
    const examples = docs.map((doc): BenchmarkExample => ({
      id: doc.id,
      dataset: 'bc5cdr-cid',
      prompt: buildRePrompt(doc.text, re, 'en'),
      gold: {
        relations: uniqueBy(
          doc.relations.filter((r) => r.type === 'CID').map((r) => ({ type: 'CID', head: r.head, tail: r.tail })),
          relationKey,
        ),
      },
      mentions: doc.entities.map((e) => ({ type: e.type, text: e.text, ids: e.identifiers ?? [] })),
    }));
    return { examples, warnings };
  },
  /**
   * Maps each predicted [chemical, disease] name pair to MeSH id pairs through the document's own mentions.
   * A pair that maps to no id pair (unknown name, or a mention whose id is `-1`) stays as its names behind
   * {@link UNMAPPED}: a false positive, once per document, as the official evaluation counts it.
   */
  predict(example, output) {
    const mentions = example.mentions ?? [];
    const relations: RelationTriple[] = [];
    for (const { head, tail } of parseRe(output, re).relations) {
      let chems = idsFor(mentions, 'Chemical', head);
      let diseases = idsFor(mentions, 'Disease', tail);
      if (!chems.length || !diseases.length) {
        // The model sometimes writes the pair the other way round.
        chems = idsFor(mentions, 'Chemical', tail);
        diseases = idsFor(mentions, 'Disease', head);
      }
      if (!chems.length || !diseases.length)
        relations.push({ type: 'CID', head: UNMAPPED + head.toLowerCase(), tail: UNMAPPED + tail.toLowerCase() });
      for (const c of chems) for (const d of diseases) relations.push({ type: 'CID', head: c, tail: d });
    }
    return { relations: uniqueBy(relations, relationKey) };
  },
  render(example) {
    if (!('relations' in example.gold)) return '';
    const mentions = example.mentions ?? [];
    // Name each concept by a mention that maps back to that concept alone, so the rendering is unambiguous.
    const nameOf = (type: string, id: string) => {
      const candidates = mentions.filter((m) => m.type === type && m.ids.includes(id));
      const exact = candidates.find((m) => idsFor(mentions, type, m.text).every((x) => x === id));
      return (exact ?? candidates[0])?.text ?? id;
    };
    const pairs = example.gold.relations.map((r) => ({
      type: CID_TYPE,
      head: nameOf('Chemical', r.head),
      tail: nameOf('Disease', r.tail),
    }));
    return renderRe(pairs, 'en');
  },
  grammar: () => taskGrammar('relations', re, 'en'),
};

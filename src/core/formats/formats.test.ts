import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../test-data/index.ts';
import {
  AnnotationFormatError,
  fromBrat,
  readAnnotationFiles,
  MAX_ANNOTATION_FILE_BYTES,
  MAX_DOCUMENT_CHARS,
  openAnnotationFile,
  csvField,
  entitiesToCsv,
  fromBiocJson,
  fromPubTator,
  readAnnotationFile,
  relationsToCsv,
  toBiocJson,
  toBrat,
  toJson,
  toPubTator,
} from './index.ts';
import type { AnnotatedDocument } from './index.ts';

const CDR = readFileSync(dataPath('benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt'), 'utf8');

/** A model-made document: Chinese text, nested entities of two types, relations between mention texts. */
const taiyiDoc: AnnotatedDocument = {
  id: 'note-1',
  text: '研究证实，细胞减少与肺内病变相关。\n第二行，含"引号", 和逗号',
  entities: [
    { id: 'T1', type: '临床表现', start: 5, end: 9, text: '细胞减少' },
    { id: 'T2', type: '身体', start: 5, end: 7, text: '细胞' },
    { id: 'T3', type: '疾病', start: 10, end: 14, text: '肺内病变' },
  ],
  relations: [{ id: 'R1', type: '相关（导致）', head: '肺内病变', tail: '细胞减少' }],
};

describe('PubTator', () => {
  it('reads BC5CDR: title + " " + abstract offsets, identifiers, CID relations', () => {
    const { documents, warnings } = fromPubTator(CDR);
    expect(warnings).toEqual([]);
    expect(documents).toHaveLength(20);
    const first = documents[0];
    expect(first.id).toBe('8701013');
    expect(first.entities[0]).toEqual({ type: 'Chemical', start: 0, end: 10, text: 'Famotidine', identifiers: ['D015738'] });
    expect(first.relations).toEqual([{ type: 'CID', head: 'D015738', tail: 'D003693' }]);
    const composite = documents.flatMap((d) => d.entities).find((e) => e.text === 'hemorrhagic cystitis');
    expect(composite?.identifiers).toEqual(['D006470', 'D003556']);
  });

  it('writes the BC5CDR sample back line for line (bar the composite-mention extra column)', () => {
    const original = CDR.split('\n').map((l) => l.split('\t').slice(0, 6).join('\t'));
    const written = toPubTator(fromPubTator(CDR).documents).split('\n');
    expect(written.join('\n').trimEnd()).toBe(original.join('\n').trimEnd());
  });

  it('round-trips documents unchanged', () => {
    const docs = fromPubTator(CDR).documents;
    expect(fromPubTator(toPubTator(docs)).documents).toEqual(docs);
    const noIds = {
      ...taiyiDoc,
      entities: taiyiDoc.entities.map(({ id: _, ...e }) => e),
      relations: taiyiDoc.relations.map(({ id: _, ...r }) => r),
    };
    const back = fromPubTator(toPubTator([noIds])).documents[0];
    expect(back.entities).toEqual(noIds.entities);
    expect(back.relations).toEqual(noIds.relations);
    expect(back.text).toBe(noIds.text.replace('\n', ' '));
  });

  it('names the line it cannot read', () => {
    expect(() => fromPubTator('1|t|x\n1|a|y\nnonsense line')).toThrow(AnnotationFormatError);
    expect(() => fromPubTator('1|t|x\n1|a|y\nnonsense line')).toThrow(/^line 3: /);
  });

  it('warns about entities that do not match their offsets', () => {
    const { warnings } = fromPubTator('9|t|Aspirin works\n9|a|\n9\t0\t7\tAspirim\tChemical\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Aspirim/);
  });
});

describe('BioC JSON', () => {
  it('round-trips documents with passages, identifiers and concept relations', () => {
    const docs = fromPubTator(CDR).documents.map((d) => ({
      ...d,
      entities: d.entities.map((e, k) => ({ id: `A${k}`, ...e })),
      relations: d.relations.map((r, k) => ({ id: `R${k}`, ...r })),
    }));
    expect(fromBiocJson(toBiocJson(docs))).toEqual({ documents: docs, warnings: [] });
  });

  it('round-trips model output with nested entities and mention-text relations', () => {
    const doc = { ...taiyiDoc, passages: [{ type: 'text', offset: 0, text: taiyiDoc.text }] };
    expect(fromBiocJson(toBiocJson([doc])).documents).toEqual([doc]);
    const bioc = JSON.parse(toBiocJson([doc]));
    expect(bioc.documents[0].relations[0].nodes).toEqual([
      { refid: 'T3', role: 'head' },
      { refid: 'T1', role: 'tail' },
    ]);
  });

  it('reads third-party BioC: BC5CDR relation infons, document-level annotations, node references', () => {
    const bioc = {
      source: 'PubTator',
      documents: [
        {
          id: '42',
          passages: [
            {
              offset: 0,
              infons: { type: 'title' },
              text: 'Cocaine seizures',
              annotations: [
                { id: '0', infons: { type: 'Chemical', MESH: 'D003042' }, text: 'Cocaine', locations: [{ offset: 0, length: 7 }] },
              ],
            },
            { offset: 17, infons: { type: 'abstract' }, text: 'More seizures.', annotations: [] },
          ],
          annotations: [
            { id: '1', infons: { type: 'Disease', identifier: 'D012640' }, text: 'seizures', locations: [{ offset: 8, length: 8 }] },
          ],
          relations: [
            { id: 'R0', infons: { relation: 'CID', Chemical: 'D003042', Disease: 'D012640' }, nodes: [] },
            {
              id: 'R1',
              infons: { type: 'Association' },
              nodes: [
                { refid: '0', role: 'Chemical' },
                { refid: '1', role: 'Disease' },
              ],
            },
          ],
        },
      ],
    };
    const [doc] = readAnnotationFile(JSON.stringify(bioc), 'x.json').documents;
    expect(doc.text).toBe('Cocaine seizures More seizures.');
    expect(doc.entities.map((e) => [e.type, e.identifiers])).toEqual([
      ['Chemical', ['D003042']],
      ['Disease', ['D012640']],
    ]);
    expect(doc.relations).toEqual([
      { id: 'R0', type: 'CID', head: 'D003042', tail: 'D012640' },
      { id: 'R1', type: 'Association', head: 'D003042', tail: 'D012640' },
    ]);
  });

  it('refuses a passage offset that would build a huge text, before building it', () => {
    const hostile = '{"documents":[{"id":"x","passages":[{"offset":300000000,"text":"a"}]}]}';
    expect(() => fromBiocJson(hostile)).toThrow(/passage 1 at offset 300000000 .*10,000,000 characters/);
    expect(() => fromBiocJson('{"documents":[{"id":"x","passages":[{"offset":-5,"text":"a"}]}]}')).toThrow(AnnotationFormatError);
    const edge = fromBiocJson(`{"documents":[{"id":"x","passages":[{"offset":${MAX_DOCUMENT_CHARS - 1},"text":"a"}]}]}`);
    expect(edge.documents[0].text).toHaveLength(MAX_DOCUMENT_CHARS);
  });

  it('rejects what is not BioC', () => {
    expect(() => fromBiocJson('{oops')).toThrow(AnnotationFormatError);
    expect(() => fromBiocJson('{"a": 1}')).toThrow(/not BioC JSON/);
    expect(() => fromBiocJson('{"documents": [{"passages": [{"text": "x", "annotations": [{"infons": {}}]}]}]}')).toThrow(
      /without locations/,
    );
  });
});

describe('opening an annotation file', () => {
  it('reads GB18030 files, refuses binary and oversized files before reading them', async () => {
    // `1|t|咳嗽` with 咳嗽 in GB18030.
    const gb = new Uint8Array([0x31, 0x7c, 0x74, 0x7c, 0xbf, 0xc8, 0xcb, 0xd4, 0x0a]);
    const opened = await openAnnotationFile(new Blob([gb]), 'x.pubtator');
    expect(opened).toMatchObject({ ok: true, encoding: 'gb18030' });
    expect(opened.ok && opened.documents[0].text).toBe('咳嗽');
    expect(await openAnnotationFile(new Blob([new Uint8Array([0x47, 0x47, 0x55, 0x46, 0, 0, 0, 3])]), 'm.json')).toMatchObject({
      ok: false,
      code: 'notText',
    });
    const huge = { size: MAX_ANNOTATION_FILE_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as Blob;
    expect(await openAnnotationFile(huge, 'big.json')).toEqual({
      ok: false,
      code: 'tooLarge',
      detail: String(MAX_ANNOTATION_FILE_BYTES + 1),
    });
    const hostile = new Blob(['{"documents":[{"id":"x","passages":[{"offset":300000000,"text":"a"}]}]}']);
    expect(await openAnnotationFile(hostile, 'x.json')).toMatchObject({
      ok: false,
      code: 'format',
      detail: expect.stringContaining('offset 300000000'),
    });
  });
});

describe('export-only formats', () => {
  it('writes brat standoff, splitting spans at line breaks and skipping unlinkable relations', () => {
    const doc: AnnotatedDocument = {
      id: 'd',
      text: 'lung\ncancer and aspirin',
      entities: [
        { type: 'Disease name', start: 0, end: 11, text: 'lung\ncancer', identifiers: ['D008175'] },
        { type: 'Chemical', start: 16, end: 23, text: 'aspirin' },
      ],
      relations: [
        { type: 'treats', head: 'aspirin', tail: 'D008175' },
        { type: 'treats', head: 'ibuprofen', tail: 'lung cancer' },
      ],
    };
    const brat = toBrat(doc);
    expect(brat.txt).toBe(doc.text);
    expect(brat.ann).toBe(
      'T1\tDisease_name 0 4;5 11\tlung cancer\n#1\tAnnotatorNotes T1\tD008175\nT2\tChemical 16 23\taspirin\nR1\ttreats Arg1:T2 Arg2:T1\n',
    );
    expect(brat.skipped).toEqual([doc.relations[1]]);
  });

  it('writes CSV with RFC 4180 quoting', () => {
    const csv = entitiesToCsv([taiyiDoc]).split('\r\n');
    expect(csv[0]).toBe('document,type,start,end,text,identifiers');
    expect(csv[1]).toBe('note-1,临床表现,5,9,细胞减少,');
    const tricky: AnnotatedDocument = {
      id: 'a,b',
      text: '',
      entities: [],
      relations: [{ type: 'x', head: 'say "hi"', tail: 'line\nbreak' }],
    };
    expect(relationsToCsv([tricky])).toBe('document,type,head,tail\r\n"a,b",x,"say ""hi""","line\nbreak"\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const doc: AnnotatedDocument = {
      id: '@doc',
      text: '',
      entities: [{ type: '+T', start: 0, end: 3, text: "=cmd|' /C calc'!A0", identifiers: ['-1'] }],
      relations: [{ type: '\tx', head: '\rhead', tail: '=1+1' }],
    };
    const [, entity] = entitiesToCsv([doc]).split('\r\n');
    expect(entity).toBe(`"'@doc","'+T",0,3,"'=cmd|' /C calc'!A0","'-1"`);
    expect(relationsToCsv([doc]).split('\r\n')[1]).toBe(`"'@doc","'\tx","'\rhead","'=1+1"`);
    // A leading minus in a number stays a number; text that merely contains = or @ stays as it is.
    expect(csvField(-2)).toBe('-2');
    expect(csvField('a=b@c')).toBe('a=b@c');
  });

  it('writes JSON that parses back to the documents', () => {
    expect(JSON.parse(toJson([taiyiDoc]))).toEqual({ documents: [taiyiDoc] });
  });
});

describe('every export reads back', () => {
  const doc: AnnotatedDocument = {
    id: '8701013',
    text: 'Famotidine-associated delirium.\nA series of six cases.',
    entities: [
      { id: 'T1', type: 'Chemical', start: 0, end: 10, text: 'Famotidine', identifiers: ['D015738'] },
      { id: 'T2', type: 'Disease', start: 22, end: 30, text: 'delirium', identifiers: ['D003693'] },
    ],
    relations: [{ id: 'R1', type: 'CID', head: 'D015738', tail: 'D003693' }],
  };
  const located = (d: AnnotatedDocument) =>
    d.entities.map(({ type, start, end, text, identifiers }) => ({ type, start, end, text, identifiers }));
  const relations = (d: AnnotatedDocument) => d.relations.map(({ type, head, tail }) => ({ type, head, tail }));

  it("the page's own JSON, not mistaken for BioC", () => {
    const { documents, warnings } = readAnnotationFile(toJson([doc]), 'result.json');
    expect(warnings).toEqual([]);
    expect(documents).toEqual([doc]);
  });

  it('BioC JSON and PubTator', () => {
    for (const [content, name] of [
      [toBiocJson([doc]), 'r.bioc.json'],
      [toPubTator([doc]), 'r.pubtator.txt'],
    ] as const) {
      const [back] = readAnnotationFile(content, name).documents;
      expect(located(back), name).toEqual(located(doc));
      expect(relations(back), name).toEqual(relations(doc));
    }
  });

  it('brat standoff, opened as .ann with its .txt', () => {
    const brat = toBrat(doc);
    const { documents, warnings } = readAnnotationFiles([
      { name: 'r.txt', content: brat.txt },
      { name: 'r.ann', content: brat.ann },
    ]);
    expect(warnings).toEqual([]);
    expect(documents[0].text).toBe(doc.text);
    expect(located(documents[0])).toEqual(located(doc));
    expect(relations(documents[0])).toEqual(relations(doc));
  });

  // a prompt holds the document itself: line breaks, tabs and PubTator's own `|t|` must not leak into the line
  const provenance = {
    model: { id: 'taiyi-llm-q2_k-gguf', label: 'Taiyi', engine: 'gguf', build: 'Q2_K https://h/m.gguf' },
    prompts: ['Extract entities\n8701013|t|Famotidine\tdelirium'],
    settings: { temperature: 0.3, top_p: 0.9, max_tokens: 500, greedy: false },
    finishReasons: ['stop'],
    startedAt: '2026-12-01T13:00:00.000Z',
    page: '0.1.0+abc',
  };

  it('PubTator and brat carry provenance in one comment line, and still read back the same', () => {
    const pubtator = toPubTator([doc], provenance);
    const [first, blank] = pubtator.split('\n');
    expect(first).toMatch(/^# taiyi-local provenance: \{/);
    expect(first).not.toMatch(/[|\t]/);
    expect(blank).toBe('');
    expect(JSON.parse(first.slice('# taiyi-local provenance: '.length))).toEqual(provenance);
    const back = readAnnotationFile(pubtator, 'r.pubtator.txt');
    expect(back.documents.map((d) => d.id)).toEqual([doc.id]);
    expect(located(back.documents[0])).toEqual(located(doc));
    expect(relations(back.documents[0])).toEqual(relations(doc));

    const brat = toBrat(doc, provenance);
    const note = brat.ann.split('\n').find((l) => l.includes('provenance'))!;
    expect(note.split('\t')).toHaveLength(3);
    expect(note).toMatch(/^#3\tAnnotatorNotes T1\ttaiyi-local provenance: /);
    const { documents, warnings } = fromBrat(brat.ann, brat.txt, 'r');
    expect(warnings).toEqual([]);
    // the note does not replace the entity's identifiers
    expect(located(documents[0])).toEqual(located(doc));
    // brat notes must point at an annotation: a document without entities is written without
    expect(toBrat({ ...doc, entities: [], relations: [] }, provenance).ann).toBe('');
  });

  it('brat: a mention across a line break, relations by mention text, and a missing .txt said plainly', () => {
    const text = 'lung\ncancer and aspirin';
    const ann = 'T1\tDisease 0 4;5 11\tlung cancer\nT2\tChemical 16 23\taspirin\nR1\ttreats Arg1:T2 Arg2:T1\nE1\tEvent:T1\n';
    const { documents, warnings } = fromBrat(ann, text, 'd');
    expect(documents[0].entities.map((e) => e.text)).toEqual(['lung\ncancer', 'aspirin']);
    expect(documents[0].relations).toEqual([{ id: 'R1', type: 'treats', head: 'aspirin', tail: 'lung\ncancer' }]);
    expect(warnings).toEqual(['line 4: E annotations are not shown']);
    expect(() => readAnnotationFiles([{ name: 'a.ann', content: ann }])).toThrow(/together with its \.txt/);
    expect(() => fromBrat('T1\tDisease zero four\tx', text)).toThrow(AnnotationFormatError);
  });
});

describe('BioC offsets', () => {
  const title = 'Fever 🤒 and cough';
  const abstract = '咳嗽 treated with aspirin.';
  /** A Python-made BioC file: offsets count code points (or UTF-8 bytes). */
  function bioc(count: (s: string) => number) {
    const abstractAt = count(title) + 1;
    const at = (passage: string, start: number, word: string) => ({
      offset: start + count(passage.slice(0, passage.indexOf(word))),
      length: count(word),
    });
    return JSON.stringify({
      documents: [
        {
          id: 'p',
          passages: [
            {
              offset: 0,
              infons: { type: 'title' },
              text: title,
              annotations: [{ id: '1', infons: { type: 'Disease' }, text: 'cough', locations: [at(title, 0, 'cough')] }],
            },
            {
              offset: abstractAt,
              infons: { type: 'abstract' },
              text: abstract,
              annotations: [{ id: '2', infons: { type: 'Chemical' }, text: 'aspirin', locations: [at(abstract, abstractAt, 'aspirin')] }],
            },
          ],
        },
      ],
    });
  }
  const codePoints = (s: string) => [...s].length;
  const utf8 = (s: string) => new TextEncoder().encode(s).length;

  it('finds the convention the file counts in, converts it, and says which', () => {
    for (const [count, units] of [
      [codePoints, 'codepoints'],
      [utf8, 'utf8'],
    ] as const) {
      const { documents, warnings, offsetUnits } = fromBiocJson(bioc(count));
      expect(offsetUnits, units).toBe(units);
      expect(warnings, units).toEqual([]);
      const [doc] = documents;
      expect(doc.text).toBe(`${title} ${abstract}`);
      for (const e of doc.entities) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
    }
    const native = fromBiocJson(bioc((s) => s.length));
    expect(native.offsetUnits).toBeUndefined();
    expect(native.warnings).toEqual([]);
  });
});

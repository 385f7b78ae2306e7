import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fromBiocJson, fromPubTator, openAnnotationFile } from '../formats';
import { parseDelimited } from './delimited';
import { DocumentFileError, guessColumns, readDocuments, sourceKind, splitPasted, tableHeader, uniqueIds } from './documents';
import { exportBatch, type BatchRecord } from './results';
import { dataPath, missingData } from '../../../test-data/index.ts';

const SAMPLE = 'benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt';
const sample = dataPath(SAMPLE);

describe('parseDelimited', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and the line each row starts on', () => {
    const rows = parseDelimited('id,text\r\n1,"a, ""b""\nc"\n\n2,plain\n', ',');
    expect(rows).toEqual([
      { fields: ['id', 'text'], line: 1 },
      { fields: ['1', 'a, "b"\nc'], line: 2 },
      { fields: ['2', 'plain'], line: 5 },
    ]);
    expect(parseDelimited('a\tb\n1\t2', '\t').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('names the line of a quote that is never closed', () => {
    expect(() => parseDelimited('id,text\n1,ok\n2,"open\nmore', ',')).toThrow(/line 3/);
  });
});

describe('reading documents', () => {
  it('a .txt file is one document named by the file; PubTator content in a .txt is read as PubTator', () => {
    expect(readDocuments({ name: 'note.txt', content: 'Aspirin and asthma.\n\nSecond paragraph.' })).toEqual([
      { id: 'note.txt', text: 'Aspirin and asthma.\n\nSecond paragraph.' },
    ]);
    const pubtator = '123|t|Title here\n123|a|Abstract text.\n123\t0\t5\tTitle\tChemical\tD1\n\n456|t|Other\n456|a|\n';
    expect(sourceKind({ name: 'corpus.txt', content: pubtator })).toBe('pubtator');
    const docs = readDocuments({ name: 'corpus.txt', content: pubtator });
    expect(docs.map((d) => [d.id, d.text])).toEqual([
      ['123', 'Title here Abstract text.'],
      ['456', 'Other'],
    ]);
    expect(docs[0].passages?.map((p) => p.type)).toEqual(['title', 'abstract']);
  });

  it('CSV and TSV take the chosen text and id columns; a short row is named by line', () => {
    const csv = { name: 'notes.csv', content: 'pmid,abstract,question\n11,"Text, one",Why?\n12,Text two,\n' };
    const header = tableHeader(csv);
    expect(header).toEqual(['pmid', 'abstract', 'question']);
    const cols = guessColumns(header);
    expect(cols).toEqual({ text: 'abstract', id: 'pmid', question: 'question' });
    expect(readDocuments(csv, cols)).toEqual([
      { id: '11', text: 'Text, one', question: 'Why?' },
      { id: '12', text: 'Text two' },
    ]);
    const bad = { name: 'bad.tsv', content: 'id\ttext\n1\tfine\n2\n' };
    expect(() => readDocuments(bad, { text: 'text', id: 'id' })).toThrow(
      new DocumentFileError('bad.tsv', 3, '1 fields where the header has 2'),
    );
    expect(() => readDocuments(csv, { text: 'body' })).toThrow(/notes\.csv:1: no column "body"/);
  });

  it('JSON Lines need text; a bad line is named', () => {
    expect(readDocuments({ name: 'a.jsonl', content: '{"id": 7, "text": "x"}\n\n{"text": "y"}\n' })).toEqual([
      { id: '7', text: 'x' },
      { id: 'a.jsonl:3', text: 'y' },
    ]);
    expect(() => readDocuments({ name: 'a.jsonl', content: '{"id": 1, "text": "x"}\n{"id": 2}\n' })).toThrow(
      'a.jsonl:2: expected an object with "text" (and "id")',
    );
    expect(() => readDocuments({ name: 'a.jsonl', content: '{"id": 1\n' })).toThrow(/a\.jsonl:1: not a JSON line/);
  });

  it('an empty or unreadable file says so by name', () => {
    expect(() => readDocuments({ name: 'empty.txt', content: '  \n' })).toThrow('empty.txt: no documents with text found');
    expect(() => readDocuments({ name: 'x.json', content: '{ nope' })).toThrow(/^x\.json: not valid JSON/);
    expect(() => readDocuments({ name: 'p.pubtator', content: '1|t|T\njunk line\n' })).toThrow(/p\.pubtator:2: not a PubTator/);
  });

  it('pasted text splits on blank lines; ids are made unique against those already queued', () => {
    const docs = splitPasted('First one.\n\n  \nSecond\nstill second.\n\n');
    expect(docs).toEqual([
      { id: 'pasted-1', text: 'First one.' },
      { id: 'pasted-2', text: 'Second\nstill second.' },
    ]);
    expect(uniqueIds(docs, new Set(['pasted-1'])).map((d) => d.id)).toEqual(['pasted-1 (2)', 'pasted-2']);
  });
});

const records = (): BatchRecord[] => [
  {
    doc: {
      id: '100',
      text: 'Aspirin causes asthma. More text',
      passages: [
        { type: 'title', offset: 0, text: 'Aspirin causes asthma.' },
        { type: 'abstract', offset: 23, text: 'More text' },
      ],
    },
    status: 'done',
    raw: ['Chemical: Aspirin\nDisease: asthma'],
    result: {
      entities: [
        { type: 'Chemical', start: 0, end: 7, text: 'Aspirin' },
        { type: 'Disease', start: 15, end: 21, text: 'asthma' },
      ],
      relations: [{ type: 'chemical-induced disease', head: 'Aspirin', tail: 'asthma' }],
      values: {},
      notFound: [],
      unparsed: [],
    },
  },
  {
    doc: { id: 'notes/b.txt', text: 'Line one,\n"quoted" line two' },
    status: 'failed',
    raw: [],
    error: { code: 'context-overflow', message: 'too long' },
  },
];
const job = { task: 'entities', options: { types: ['Chemical', 'Disease'] }, title: 't' };

describe('batch exports', () => {
  it('JSON and CSV re-import as the same documents', () => {
    const json = exportBatch('json', records(), job, 'batch');
    const back = readDocuments({ name: json.name, content: json.content as string });
    expect(back).toEqual(records().map((r) => r.doc));
    // a document cut off at the token limit says so
    const cut = exportBatch('json', [{ ...records()[0], finishReasons: ['length'] }], job, 'batch');
    expect(JSON.parse(cut.content as string).documents[0].finishReasons).toEqual(['length']);
    expect(JSON.parse(json.content as string).documents[0].finishReasons).toBeUndefined();
    const csv = exportBatch('csv', records(), job, 'batch');
    const file = { name: csv.name, content: csv.content as string };
    const cols = guessColumns(tableHeader(file));
    expect(readDocuments(file, cols).map((d) => [d.id, d.text])).toEqual(records().map((r) => [r.doc.id, r.doc.text]));
  });

  it('PubTator and BioC carry the located entities and re-import through the annotation readers unchanged', () => {
    const pub = fromPubTator(exportBatch('pubtator', records().slice(0, 1), job, 'b').content as string).documents[0];
    expect(pub.text).toBe(records()[0].doc.text);
    expect(pub.entities.map(({ type, start, end, text }) => ({ type, start, end, text }))).toEqual(records()[0].result!.entities);
    expect(pub.relations.map(({ type, head, tail }) => ({ type, head, tail }))).toEqual(records()[0].result!.relations);
    const bioc = fromBiocJson(exportBatch('bioc', records(), job, 'b').content as string).documents;
    expect(bioc.map((d) => d.text)).toEqual(records().map((r) => r.doc.text));
    expect(bioc[0].entities.map(({ type, start, end, text }) => ({ type, start, end, text }))).toEqual(records()[0].result!.entities);
    const again = readDocuments({ name: 'b.bioc.json', content: exportBatch('bioc', records(), job, 'b').content as string });
    expect(again.map((d) => [d.id, d.text])).toEqual(records().map((r) => [r.doc.id, r.doc.text]));
  });

  it('brat is a zip of .txt and .ann pairs with safe, unique names', () => {
    const zip = unzipSync(exportBatch('brat', records(), job, 'b').content as Uint8Array);
    expect(Object.keys(zip).sort()).toEqual(['100.ann', '100.txt', 'notes_b.ann', 'notes_b.txt', 'visual.conf']);
    expect(strFromU8(zip['100.txt'])).toBe(records()[0].doc.text);
    expect(strFromU8(zip['100.ann'])).toContain('T1\tChemical 0 7\tAspirin');
    expect(strFromU8(zip['notes_b.ann'])).toBe('');
    // brat's names have no spaces: its label file keeps the full one
    expect(strFromU8(zip['100.ann'])).toContain('R1\tchemical-induced_disease Arg1:T1 Arg2:T2');
    expect(strFromU8(zip['visual.conf'])).toBe('[labels]\nchemical-induced_disease | chemical-induced disease\n');
  });
});

describe('partial documents and provenance in batch exports', () => {
  const taiyi = {
    model: { id: 'taiyi-gguf', label: 'Taiyi', engine: 'gguf', build: 'Q4_K_M https://h/taiyi.gguf' },
    settings: { temperature: 0.3, top_p: 0.9, max_tokens: 64, greedy: false },
    startedAt: '2026-12-01T10:00:00.000Z',
    page: '1.0.0+abc',
  };
  const qwen = { ...taiyi, model: { id: 'qwen', label: 'Qwen|2.5', engine: 'webllm', build: 'q4f16_1 https://h/q/' } };
  const runs = [taiyi, qwen];
  // the first document was resumed on another model and cut off at the token limit; the second failed on the first
  const marked = (): BatchRecord[] => [
    { ...records()[0], finishReasons: ['stop', 'length'], run: 1 },
    { ...records()[1], run: 0 },
  ];
  const withRuns = { ...job, runs };
  const located = (d: { entities: { type: string; start: number; end: number; text: string; identifiers?: string[] }[] }) =>
    d.entities.map(({ type, start, end, text, identifiers }) => ({ type, start, end, text, ...(identifiers ? { identifiers } : {}) }));

  it('JSON: the runs beside the documents, each document its run and `partial`; re-imports the same', () => {
    const json = exportBatch('json', marked(), withRuns, 'b');
    const data = JSON.parse(json.content as string);
    expect(data.provenance).toEqual({ runs });
    expect(data.job).toEqual(job);
    expect(data.documents.map((d: { run?: number; partial?: boolean }) => [d.run, d.partial])).toEqual([
      [1, true],
      [0, undefined],
    ]);
    expect(readDocuments({ name: json.name, content: json.content as string })).toEqual(records().map((r) => r.doc));
    // a job stored before runs were kept has none to write
    expect(JSON.parse(exportBatch('json', records(), job, 'b').content as string).provenance).toBeUndefined();
  });

  it('CSV: a `partial` column and no provenance; re-imports the same', () => {
    const csv = exportBatch('csv', marked(), withRuns, 'b');
    const file = { name: csv.name, content: csv.content as string };
    expect(tableHeader(file)).toEqual(['id', 'status', 'partial', 'result', 'entities', 'relations', 'text', 'raw', 'error']);
    expect(
      parseDelimited(file.content, ',')
        .slice(1)
        .map((r) => r.fields[2]),
    ).toEqual(['true', 'false']);
    expect(file.content).not.toContain('taiyi-gguf');
    expect(readDocuments(file, guessColumns(tableHeader(file))).map((d) => [d.id, d.text])).toEqual(
      records().map((r) => [r.doc.id, r.doc.text]),
    );
  });

  it('BioC: the runs in a collection infon, each document its run, finish reasons and `partial`; re-imports the same', () => {
    const content = exportBatch('bioc', marked(), withRuns, 'b').content as string;
    const data = JSON.parse(content);
    expect(JSON.parse(data.infons['taiyi-local.runs'])).toEqual(runs);
    expect(data.documents[0].infons).toEqual({
      'taiyi-local.run': '1',
      'taiyi-local.finish': 'stop,length',
      'taiyi-local.partial': 'true',
    });
    expect(data.documents[1].infons).toEqual({ 'taiyi-local.run': '0' });
    const back = fromBiocJson(content);
    expect(back.warnings).toEqual([]);
    expect(back.documents.map((d) => [d.id, d.text])).toEqual(records().map((r) => [r.doc.id, r.doc.text]));
    expect(located(back.documents[0])).toEqual(records()[0].result!.entities);
  });

  it('PubTator: the runs in the first comment line, each document’s note in one before it; re-imports the same', () => {
    const content = exportBatch('pubtator', marked(), withRuns, 'b').content as string;
    const blocks = content.split('\n\n');
    const comment = (block: string) => JSON.parse(block.slice('# taiyi-local provenance: '.length));
    expect(comment(blocks[0])).toEqual({ runs });
    expect(comment(blocks[1])).toEqual({ document: '100', run: 1, finishReasons: ['stop', 'length'], partial: true });
    expect(blocks[2]).toMatch(/^100\|t\|/);
    expect(comment(blocks[3])).toEqual({ document: 'notes/b.txt', run: 0 });
    // each comment is a block of its own, one line with no tab and no `|`, so line-based readers pass over it
    for (const block of [blocks[0], blocks[1], blocks[3]]) expect(block).toMatch(/^# taiyi-local provenance: \{[^|\t\n]*\}$/);
    const back = fromPubTator(content);
    expect(back.warnings).toEqual([]);
    expect(back.documents.map((d) => [d.id, d.text])).toEqual(records().map((r) => [r.doc.id, r.doc.text.replace(/\n/g, ' ')]));
    expect(located(back.documents[0])).toEqual(records()[0].result!.entities);
    // and as batch input, whose kind is told by the first line that is not a comment
    const again = readDocuments({ name: 'b.pubtator.txt', content });
    expect(again.map((d) => [d.id, d.text])).toEqual(records().map((r) => [r.doc.id, r.doc.text.replace(/\n/g, ' ')]));
    // nothing to say, nothing written; with one run, a whole document needs no line of its own
    expect(exportBatch('pubtator', records(), job, 'b').content).not.toContain('#');
    const oneRun = exportBatch('pubtator', [{ ...records()[1], run: 0 }], { ...job, runs: [taiyi] }, 'b').content as string;
    expect(
      oneRun
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => comment(l)),
    ).toEqual([{ runs: [taiyi] }]);
  });

  it('brat: each .ann carries its document’s provenance in a note on its first entity; the zip re-imports the same', async () => {
    const zip = exportBatch('brat', marked(), withRuns, 'b');
    const files = unzipSync(zip.content as Uint8Array);
    const note = strFromU8(files['100.ann'])
      .split('\n')
      .find((l) => l.includes('provenance'))!;
    expect(note).toMatch(/^#1\tAnnotatorNotes T1\ttaiyi-local provenance: /);
    expect(JSON.parse(note.split('\t')[2].slice('taiyi-local provenance: '.length))).toEqual({
      ...qwen,
      finishReasons: ['stop', 'length'],
      partial: true,
    });
    // brat notes must point at an annotation: a document without entities has nowhere to hold one
    expect(strFromU8(files['notes_b.ann'])).toBe('');
    const opened = await openAnnotationFile(new Blob([new Uint8Array(zip.content as Uint8Array)]), zip.name);
    if (!opened.ok) throw new Error(opened.detail);
    expect(opened.warnings).toEqual([]);
    expect(opened.documents.map((d) => d.text)).toEqual(records().map((r) => r.doc.text));
    // the note is not taken for the entity's identifiers
    expect(located(opened.documents[0])).toEqual(records()[0].result!.entities);
  });
});

describe('a brat zip through the annotation import', () => {
  const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);
  const located = (d: { entities: { type: string; start: number; end: number; text: string }[] }) =>
    d.entities.map(({ type, start, end, text }) => ({ type, start, end, text }));

  it('the batch export comes back as the same documents, texts, entities and relations, in order', async () => {
    const zip = exportBatch('brat', records(), job, 'b');
    const opened = await openAnnotationFile(blob(zip.content as Uint8Array), zip.name);
    if (!opened.ok) throw new Error(opened.detail);
    expect(opened.documents.map((d) => [d.id, d.text])).toEqual([
      ['100', records()[0].doc.text],
      ['notes_b', records()[1].doc.text],
    ]);
    expect(located(opened.documents[0])).toEqual(records()[0].result!.entities);
    expect(opened.documents[0].relations.map(({ type, head, tail }) => ({ type, head, tail }))).toEqual(records()[0].result!.relations);
    expect(opened.documents[1].entities).toEqual([]);
    expect(opened.warnings).toEqual([]);
    // a zip is known by its bytes too, whatever its name
    const renamed = await openAnnotationFile(blob(zip.content as Uint8Array), 'corpus.bin');
    expect(renamed.ok && renamed.documents.length).toBe(2);
  });

  it('names an .ann without its .txt, and a file that is no zip, and reads nothing else', async () => {
    const orphan = zipSync({ 'a.txt': strToU8('Aspirin.'), 'a.ann': strToU8('T1\tChemical 0 7\tAspirin\n'), 'b.ann': strToU8('') });
    expect(await openAnnotationFile(blob(orphan), 'x.zip')).toMatchObject({
      ok: false,
      code: 'format',
      detail: expect.stringContaining('b.ann has no b.txt'),
    });
    const bad = await openAnnotationFile(blob(strToU8('PK\x03\x04 not really')), 'x.zip');
    expect(bad).toMatchObject({ ok: false, code: 'format', detail: expect.stringContaining('not a readable zip') });
    const empty = zipSync({ 'annotation.conf': strToU8('[entities]\nChemical\n') });
    expect(await openAnnotationFile(blob(empty), 'x.zip')).toMatchObject({ ok: false, detail: expect.stringContaining('no brat') });
    const wrong = zipSync({ 'a.txt': strToU8('Aspirin.'), 'a.ann': strToU8('T1\tChemical zero seven\tAspirin\n') });
    expect(await openAnnotationFile(blob(wrong), 'x.zip')).toMatchObject({ ok: false, detail: expect.stringContaining('a.ann') });
  });
});

describe.skipIf(missingData(SAMPLE))('the BC5CDR sample as a batch', () => {
  it('gives 20 documents named by PMID', () => {
    const docs = readDocuments({ name: 'CDR_TestSet.sample.PubTator.txt', content: readFileSync(sample, 'utf8') });
    expect(docs).toHaveLength(20);
    expect(docs.every((d) => /^\d+$/.test(d.id))).toBe(true);
  });
});

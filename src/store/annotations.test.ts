import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../test-data/index.ts';
import { readAnnotationFile, readAnnotationFiles } from '../core/formats';
import { exportFiles } from '../features/workbench/ExportMenu';
import { documentViews, viewDocument } from './annotations';

const sample = readFileSync(dataPath('benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt'), 'utf8');

describe('annotation views', () => {
  it('resolves PubTator relation ids to the mentions that carry them, with their offsets', () => {
    const doc = readAnnotationFile(sample, 'CDR.PubTator.txt').documents[2]; // 22836123: tacrolimus, SSc, …
    const { entities, relations } = documentViews(doc);
    expect(entities.spans).toHaveLength(doc.entities.length);
    const row = relations.rows.find((r) => r.head === 'tacrolimus')!;
    // `22836123 CID D016559 D012595`: the disease id is written as both of its mentions, case-folded once.
    expect(row).toMatchObject({ type: 'CID', tail: 'systemic sclerosis / SSc', headRef: 'D016559', tailRef: 'D012595' });
    for (const s of [...row.headSpans, ...row.tailSpans])
      expect(['tacrolimus', 'systemic sclerosis', 'SSc']).toContain(doc.text.slice(s.start, s.end));
    expect(row.tailSpans).toHaveLength(doc.entities.filter((e) => e.identifiers?.includes('D012595')).length);
  });

  it('exports a view in every format and reads PubTator and BioC JSON back unchanged', () => {
    const doc = readAnnotationFile(sample).documents[0];
    const { entities, relations } = documentViews(doc);
    const exported = viewDocument('entities', entities.text, entities.spans, relations.rows);
    for (const format of ['pubtator', 'bioc'] as const) {
      const [file] = exportFiles(format, exported, 'x');
      const back = documentViews(readAnnotationFile(file.content, file.name).documents[0]);
      expect(back.entities.spans, format).toEqual(entities.spans);
      expect(back.relations.rows, format).toEqual(relations.rows);
      expect(back.entities.text).toBe(doc.text);
    }
    for (const format of ['json', 'brat'] as const) {
      const files = exportFiles(format, exported, 'x').map((f) => ({ name: f.name, content: f.content }));
      const back = documentViews(readAnnotationFiles(files).documents[0]);
      expect(back.entities.spans, format).toEqual(entities.spans);
      expect(back.relations.rows, format).toEqual(relations.rows);
    }
    const names = (['json', 'csv-entities', 'csv-relations', 'brat'] as const).flatMap((f) =>
      exportFiles(f, exported, 'x').map((x) => x.name),
    );
    expect(names).toEqual(['x.json', 'x-entities.csv', 'x-relations.csv', 'x.ann', 'x.txt']);
    const [ann] = exportFiles('brat', exported, 'x');
    expect(ann.content).toContain('T1\tChemical 0 10\tFamotidine');
    expect(ann.content).toMatch(/R1\tCID Arg1:T\d+ Arg2:T\d+/);
  });

  it('exports a model result with mention texts as relation arguments', () => {
    const text = 'Mitotane accelerates the metabolism of warfarin.';
    const doc = viewDocument(
      'relations',
      text,
      [
        { type: 'argument', start: 0, end: 8, text: 'Mitotane' },
        { type: 'argument', start: 39, end: 47, text: 'warfarin' },
      ],
      [
        {
          key: 'k',
          type: 'MECHANISM',
          head: 'Mitotane',
          tail: 'warfarin',
          headSpans: [{ start: 0, end: 8 }],
          tailSpans: [{ start: 39, end: 47 }],
        },
      ],
    );
    expect(doc.relations).toEqual([{ id: 'R1', type: 'MECHANISM', head: 'Mitotane', tail: 'warfarin' }]);
    const [csv] = exportFiles('csv-relations', doc, 'r');
    expect(csv.content).toBe('\uFEFFdocument,type,head,tail\r\nrelations,MECHANISM,Mitotane,warfarin\r\n');
  });
});

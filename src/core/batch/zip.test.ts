import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DocumentFileError, readDocuments, sourceKind } from './documents';
import { exportBatch, type BatchRecord } from './results';
import { ZIP_LIMITS, openZip, readZipSources } from './zip';

const zip = (files: Record<string, string | Uint8Array>, level: 0 | 6 = 6): Uint8Array => {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(entries, { level });
};

/** The central directory entry of `name`, to make a zip say something else about it. */
function entryAt(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = 0; p + 46 < bytes.length; p++)
    if (view.getUint32(p, true) === 0x02014b50) {
      const n = view.getUint16(p + 28, true);
      if (new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + n)) === name) return p;
    }
  throw new Error(`no entry ${name}`);
}
const setU32 = (bytes: Uint8Array, at: number, value: number) => new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value, true);
const setU16 = (bytes: Uint8Array, at: number, value: number) => new DataView(bytes.buffer, bytes.byteOffset).setUint16(at, value, true);

const PUBTATOR = '123|t|Title here\n123|a|Abstract text.\n123\t0\t5\tTitle\tChemical\tD1\n\n';
const BIOC = JSON.stringify({
  documents: [{ id: '77', passages: [{ offset: 0, text: 'Heparin and bleeding.', annotations: [] }] }],
});

/** Every document of the members read, as the batch reads picked files. */
const documentsOf = (bytes: Uint8Array, name = 'corpus.zip') =>
  readZipSources(bytes, name).files.flatMap((f) => readDocuments(f).map((d) => ({ id: d.id, text: d.text })));

describe('a zip as batch input', () => {
  it('gives one document per .txt named by its path, and reads PubTator, BioC JSON and JSON Lines members as files', () => {
    const bytes = zip({
      'notes/a.txt': 'Aspirin and asthma.',
      'notes/b.txt': 'Lithium toxicity.',
      'abstracts.pubtator': PUBTATOR,
      'collection.bioc.json': BIOC,
      'more.jsonl': '{"id": "j1", "text": "Ibuprofen."}\n',
    });
    const read = readZipSources(bytes, 'corpus.zip');
    expect(read.problems).toEqual([]);
    expect(read.files.map((f) => [f.name, f.zip, sourceKind(f)])).toEqual([
      ['notes/a.txt', 'corpus.zip', 'text'],
      ['notes/b.txt', 'corpus.zip', 'text'],
      ['abstracts.pubtator', 'corpus.zip', 'pubtator'],
      ['collection.bioc.json', 'corpus.zip', 'bioc'],
      ['more.jsonl', 'corpus.zip', 'jsonl'],
    ]);
    expect(documentsOf(bytes)).toEqual([
      { id: 'notes/a.txt', text: 'Aspirin and asthma.' },
      { id: 'notes/b.txt', text: 'Lithium toxicity.' },
      { id: '123', text: 'Title here Abstract text.' },
      { id: '77', text: 'Heparin and bleeding.' },
      { id: 'j1', text: 'Ibuprofen.' },
    ]);
  });

  it('passes over folders, hidden files, macOS forks, brat .ann and configuration files and other kinds; reads stored members', () => {
    const bytes = zip(
      {
        'docs/': new Uint8Array(0),
        'docs/a.txt': 'Kept.',
        'docs/a.ann': 'T1\tChemical 0 4\tKept\n',
        'annotation.conf': '[entities]\nChemical\n',
        'visual.conf': '[labels]\n',
        '.DS_Store': 'x',
        '__MACOSX/docs/._a.txt': 'fork',
        'picture.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
        'inner.zip': zip({ 'x.txt': 'nested' }),
      },
      0,
    );
    expect(documentsOf(bytes)).toEqual([{ id: 'docs/a.txt', text: 'Kept.' }]);
  });

  it('reads text the way a picked file is: GB18030 and UTF-16 decoded, a leading byte order mark dropped', () => {
    const gb = new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GB18030
    const bytes = zip({ 'gb.txt': gb, 'bom.txt': '\uFEFFWith a mark.' });
    expect(documentsOf(bytes)).toEqual([
      { id: 'gb.txt', text: '中文' },
      { id: 'bom.txt', text: 'With a mark.' },
    ]);
  });

  describe('round trip', () => {
    const entity = (type: string, start: number, text: string) => ({ type, start, end: start + text.length, text });
    const found = { relations: [], values: {}, notFound: [], unparsed: [] };
    const records: BatchRecord[] = [
      // a result with mentions and a relation: its .ann is in the zip beside the text, and passed over
      {
        doc: { id: 'note-1.txt', text: 'Aspirin causes asthma.\nSecond line.' },
        status: 'done',
        raw: ['Chemical: Aspirin\nDisease: asthma'],
        result: { ...found, entities: [entity('Chemical', 0, 'Aspirin'), entity('Disease', 15, 'asthma')] },
      },
      {
        doc: { id: 'note-2.txt', text: '  Indented, with "quotes" and 中文.  ' },
        status: 'failed',
        raw: [],
        error: { code: 'x', message: 'y' },
      },
      { doc: { id: 'note-3.txt', text: 'Heparin.' }, status: 'queued', raw: [] },
    ];

    it("the batch's brat export re-imported as batch input gives the same documents, in order", () => {
      const exported = exportBatch('brat', records, { task: 'entities', options: {}, title: 't' }, 'batch');
      expect(documentsOf(exported.content as Uint8Array, exported.name)).toEqual(records.map((r) => ({ id: r.doc.id, text: r.doc.text })));
    });

    it('a document whose id is not a file name comes back named by its .txt, with the same text', () => {
      const pmid: BatchRecord = { doc: { id: '12345', text: 'Title. Abstract.' }, status: 'done', raw: [] };
      const exported = exportBatch('brat', [pmid], { task: 'entities', options: {}, title: 't' }, 'batch');
      expect(documentsOf(exported.content as Uint8Array)).toEqual([{ id: '12345.txt', text: 'Title. Abstract.' }]);
    });
  });

  describe('bad zips say what is wrong, naming the member', () => {
    it('a file that is no zip, or a cut one, is corrupt', () => {
      expect(readZipSources(strToU8('PK\x03\x04 not really a zip'), 'x.zip')).toEqual({ files: [], problems: [{ code: 'corrupt' }] });
      const whole = zip({ 'a.txt': 'Aspirin.', 'b.txt': 'Heparin.' });
      expect(readZipSources(whole.subarray(0, whole.length - 30), 'x.zip').problems).toEqual([{ code: 'corrupt' }]);
      // a directory that points past the end
      const pointing = whole.slice();
      setU32(pointing, pointing.length - 6, pointing.length + 100);
      expect(readZipSources(pointing, 'x.zip').problems).toEqual([{ code: 'corrupt' }]);
    });

    it('an empty zip, or one of folders only, is empty; one with nothing the batch reads says so', () => {
      expect(readZipSources(zip({}), 'x.zip').problems).toEqual([{ code: 'empty' }]);
      expect(readZipSources(zip({ 'docs/': new Uint8Array(0) }), 'x.zip').problems).toEqual([{ code: 'empty' }]);
      expect(readZipSources(zip({ 'a.ann': 'T1\tChemical 0 1\tA\n', 'b.docx': 'x' }), 'x.zip').problems).toEqual([
        { code: 'noReadableMember' },
      ]);
    });

    it('a member that is damaged, not text, encrypted or packed otherwise is named; the others are read', () => {
      const bytes = zip({
        'good.txt': 'Good.',
        'cut.txt': 'Aspirin '.repeat(500),
        'binary.txt': new Uint8Array([0, 1, 2, 0, 3]),
        'locked.txt': 'x',
        'bz.txt': 'y',
      });
      // the deflate stream of cut.txt loses its end
      const cut = entryAt(bytes, 'cut.txt');
      const view = new DataView(bytes.buffer);
      const local = view.getUint32(cut + 42, true);
      const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      bytes.fill(0xff, dataAt + 4, dataAt + view.getUint32(cut + 20, true));
      setU16(bytes, entryAt(bytes, 'locked.txt') + 8, 1); // encrypted
      setU16(bytes, entryAt(bytes, 'bz.txt') + 10, 12); // bzip2
      const read = readZipSources(bytes, 'x.zip');
      expect(read.files.map((f) => [f.name, f.content])).toEqual([['good.txt', 'Good.']]);
      expect(read.problems).toEqual([
        { code: 'memberCorrupt', member: 'cut.txt' },
        { code: 'memberNotText', member: 'binary.txt' },
        { code: 'memberUnsupported', member: 'locked.txt' },
        { code: 'memberUnsupported', member: 'bz.txt' },
      ]);
    });

    it('a member that fails to parse is named by the member and line, as a picked file is', () => {
      const read = readZipSources(zip({ 'data/more.jsonl': '{"id": 1, "text": "x"}\n{"id": 2}\n' }), 'corpus.zip');
      expect(() => readDocuments(read.files[0])).toThrow(
        new DocumentFileError('data/more.jsonl', 2, 'expected an object with "text" (and "id")'),
      );
      expect(read.files[0].zip).toBe('corpus.zip');
    });
  });

  describe('size', () => {
    it('a zip larger than the limit is refused before a byte of it is read', async () => {
      const huge = { size: 1024 ** 3, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as Blob;
      expect(await openZip(huge, 'huge.zip')).toEqual({ files: [], problems: [{ code: 'tooLarge', limit: ZIP_LIMITS.zipBytes }] });
      const small = zip({ 'a.txt': 'Aspirin.' });
      expect(await openZip(new Blob([new Uint8Array(small)]), 'a.zip')).toMatchObject({ files: [{ name: 'a.txt', content: 'Aspirin.' }] });
      expect(readZipSources(small, 'a.zip', { ...ZIP_LIMITS, zipBytes: 10 }).problems).toEqual([{ code: 'tooLarge', limit: 10 }]);
    });

    it('a zip bomb is refused from the sizes in its central directory, before anything is inflated', () => {
      // 2 MB of one letter packs into a few kilobytes
      const bomb = zip({ 'a.txt': 'a'.repeat(2_000_000), 'b.txt': 'b'.repeat(2_000_000) });
      expect(bomb.length).toBeLessThan(20_000);
      expect(readZipSources(bomb, 'bomb.zip', { ...ZIP_LIMITS, unpackedBytes: 3_000_000 }).problems).toEqual([
        { code: 'unpackedTooLarge', limit: 3_000_000 },
      ]);
      expect(readZipSources(bomb, 'bomb.zip', { ...ZIP_LIMITS, unpackedBytes: 4_000_000 }).files).toHaveLength(2);
      // a directory that claims terabytes is refused at once, nothing allocated
      const claims = zip({ 'a.txt': 'Aspirin.' });
      setU32(claims, entryAt(claims, 'a.txt') + 24, 0xfffffff0);
      expect(readZipSources(claims, 'x.zip').problems).toEqual([{ code: 'unpackedTooLarge', limit: ZIP_LIMITS.unpackedBytes }]);
    });

    it('a member that unpacks to more than its declared size is stopped and named', () => {
      const bytes = zip({ 'liar.txt': 'a'.repeat(1_000_000), 'ok.txt': 'Fine.' });
      setU32(bytes, entryAt(bytes, 'liar.txt') + 24, 100);
      const read = readZipSources(bytes, 'x.zip');
      expect(read.problems).toEqual([{ code: 'memberCorrupt', member: 'liar.txt' }]);
      expect(read.files.map((f) => f.name)).toEqual(['ok.txt']);
      // a shorter one too
      setU32(bytes, entryAt(bytes, 'liar.txt') + 24, 1_000_100);
      expect(readZipSources(bytes, 'x.zip').problems).toEqual([{ code: 'memberCorrupt', member: 'liar.txt' }]);
    });

    it('more entries than the limit are refused', () => {
      const many = zip(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${i}.txt`, 'x'])));
      expect(readZipSources(many, 'x.zip', { ...ZIP_LIMITS, members: 4 }).problems).toEqual([{ code: 'tooManyMembers', limit: 4 }]);
      expect(readZipSources(many, 'x.zip', { ...ZIP_LIMITS, members: 5 }).files).toHaveLength(5);
    });
  });
});

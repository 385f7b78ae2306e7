import { taskGrammar } from '../../grammar/index.ts';
import { droppedText } from '../parse.ts';
import { addSpans } from '../../chunk.ts';
import { promptLang, type Lang, type LangMode } from '../../lang.ts';
import { locateInChunk, type Offsets, type Span } from '../../spans.ts';
import { relationKey } from '../../text.ts';
import { RELATION_PRESETS, type RelationPreset, type RelationPresetId } from '../presets.ts';
import { buildRePrompt, parseRe, type ReOptions } from '../relations.ts';
import { chosenNames } from './names.ts';
import type { TaskDefinition } from './types.ts';

export interface RelationsForm {
  input: string;
  langMode: LangMode;
  preset: RelationPresetId | '';
  unchecked: string[];
  freeTypes: string;
}

export interface RelationRowData {
  /** Stable identity: type, head and tail ({@link relationKey}). */
  key: string;
  type: string;
  head: string;
  tail: string;
  /** Where the arguments occur in the view's text (all occurrences found). */
  headSpans: Offsets[];
  tailSpans: Offsets[];
  /** Concept ids of an imported relation. */
  headRef?: string;
  tailRef?: string;
}

export interface RelationView {
  text: string;
  rows: RelationRowData[];
  /** Highlighted mentions: the arguments (model) or the file's entities (import). */
  spans: Span[];
  /** Arguments the model named that the text does not contain. */
  notFound: string[];
  unparsed: string[];
  source: 'model' | 'import';
}

export const RELATION_PRESET_IDS = Object.keys(RELATION_PRESETS) as RelationPresetId[];
/** The type given to highlighted relation arguments found by the model. */
const ARGUMENT_TYPE = 'argument';

const relationPreset = (id: RelationPresetId | ''): RelationPreset | null => (id ? RELATION_PRESETS[id] : null);

export function relationTypes(f: Pick<RelationsForm, 'preset' | 'unchecked' | 'freeTypes'>, lang: Lang): string[] {
  return chosenNames(relationPreset(f.preset), f.unchecked, f.freeTypes, lang);
}

export const RELATIONS: TaskDefinition<RelationsForm, RelationView> = {
  id: 'relations',
  form: { input: '', langMode: 'auto', preset: 'bc5cdr-cid', unchecked: [], freeTypes: '' },
  blocker: (f) => (!f.input.trim() ? 'run.needInput' : relationTypes(f, promptLang(f.langMode, f.input)).length ? null : 'run.needTypes'),
  plan: (f) => {
    const lang = promptLang(f.langMode, f.input);
    const options: ReOptions = { types: relationTypes(f, lang), entityKind: relationPreset(f.preset)?.entityKind };
    return {
      kind: 'chunked',
      grammar: taskGrammar('relations', options, lang),
      document: f.input,
      initial: { text: f.input, rows: [], spans: [], notFound: [], unparsed: [], source: 'model' },
      prompt: (chunk) => buildRePrompt(chunk, options, lang),
      addAnswer: (v, answer, chunk, { truncated }) => {
        const parsed = parseRe(answer, { ...options, truncated });
        // Each argument is its own alignment type, so a short argument inside a longer one is still found.
        const args = [...new Set(parsed.relations.flatMap((r) => [r.head, r.tail]))];
        const located = locateInChunk(
          chunk,
          args.map((a) => ({ type: a, text: a })),
        );
        const where = (arg: string) => located.spans.filter((sp) => sp.type === arg).map(({ start, end }) => ({ start, end }));
        const rows = [...v.rows];
        for (const r of parsed.relations) {
          const key = relationKey(r);
          const at = rows.findIndex((row) => row.key === key);
          const row = at >= 0 ? rows[at] : { key, type: r.type, head: r.head, tail: r.tail, headSpans: [], tailSpans: [] };
          const merged = { ...row, headSpans: [...row.headSpans, ...where(r.head)], tailSpans: [...row.tailSpans, ...where(r.tail)] };
          if (at >= 0) rows[at] = merged;
          else rows.push(merged);
        }
        // An occurrence shared by two arguments is highlighted once.
        const spans = addSpans(
          v.spans,
          located.spans.map((sp) => ({ ...sp, type: ARGUMENT_TYPE })),
        );
        const notFound = [...new Set([...v.notFound, ...located.notFound.map((m) => m.text)])];
        return { ...v, rows, spans, notFound, unparsed: [...v.unparsed, ...parsed.unparsed, ...droppedText(parsed.notes)] };
      },
    };
  },
};

import { taskGrammar } from '../core/grammar';
import { create } from 'zustand';
import { mergeSpans } from '../core/chunk';
import type { Lang } from '../core/lang';
import { buildRePrompt, parseRe, type ReOptions } from '../core/tasks/relations';
import { RELATION_PRESETS, type RelationPreset, type RelationPresetId } from '../core/tasks/presets';
import { relationKey } from '../core/text';
import { locateInChunk, type LocatedSpan } from './entities';
import { IDLE_RUN, chosenNames, chunksFor, promptLang, taskRunner, type LangMode, type RunState } from './taskRun';

export interface Offsets {
  start: number;
  end: number;
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
  spans: LocatedSpan[];
  /** Arguments the model named that the text does not contain. */
  notFound: string[];
  unparsed: string[];
  source: 'model' | 'import';
}

interface RelationsState {
  input: string;
  langMode: LangMode;
  preset: RelationPresetId | '';
  unchecked: string[];
  freeTypes: string;
  run: RunState;
  view: RelationView | null;
  set: (patch: Partial<Pick<RelationsState, 'input' | 'langMode' | 'preset' | 'unchecked' | 'freeTypes'>>) => void;
  showView: (view: RelationView) => void;
  start: () => Promise<void>;
  stop: () => void;
}

export const RELATION_PRESET_IDS = Object.keys(RELATION_PRESETS) as RelationPresetId[];
/** The type given to highlighted relation arguments found by the model. */
const ARGUMENT_TYPE = 'argument';

const relationPreset = (id: RelationPresetId | ''): RelationPreset | null => (id ? RELATION_PRESETS[id] : null);

export function relationTypes(s: Pick<RelationsState, 'preset' | 'unchecked' | 'freeTypes'>, lang: Lang): string[] {
  return chosenNames(relationPreset(s.preset), s.unchecked, s.freeTypes, lang);
}

export const useRelations = create<RelationsState>()((set, get) => {
  const runner = taskRunner<RelationsState>(set);
  return {
    input: '',
    langMode: 'auto',
    preset: 'bc5cdr-cid',
    unchecked: [],
    freeTypes: '',
    run: IDLE_RUN,
    view: null,
    set: (patch) => set(patch),
    showView: (view) => set({ view }),
    start: async () => {
      const s = get();
      if (s.run.running || !s.input.trim()) return;
      const text = s.input;
      const lang = promptLang(s.langMode, text);
      const types = relationTypes(s, lang);
      if (!types.length) return;
      const options: ReOptions = { types, entityKind: relationPreset(s.preset)?.entityKind };
      const build = (chunk: string) => buildRePrompt(chunk, options, lang);
      set({ view: { text, rows: [], spans: [], notFound: [], unparsed: [], source: 'model' } });
      await runner.chunks(chunksFor(text, build), build, (chunk, answer) => {
        const parsed = parseRe(answer, options);
        // Each argument is its own alignment type, so a short argument inside a longer one is still found.
        const args = [...new Set(parsed.relations.flatMap((r) => [r.head, r.tail]))];
        const located = locateInChunk(chunk, args.map((a) => ({ type: a, text: a })));
        const where = (arg: string) => located.spans.filter((sp) => sp.type === arg).map(({ start, end }) => ({ start, end }));
        set((st) => {
          const v = st.view;
          if (!v) return {};
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
          const spans = mergeSpans([v.spans, located.spans.map((sp) => ({ ...sp, type: ARGUMENT_TYPE }))]);
          const notFound = [...new Set([...v.notFound, ...located.notFound.map((m) => m.text)])];
          return { view: { ...v, rows, spans, notFound, unparsed: [...v.unparsed, ...parsed.unparsed] } };
        });
      }, taskGrammar('relations', options, lang));
    },
    stop: runner.stop,
  };
});

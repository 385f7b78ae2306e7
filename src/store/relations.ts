import { create } from 'zustand';
import { alignMentions } from '../core/align';
import { shiftSpans } from '../core/chunk';
import type { Lang } from '../core/lang';
import { buildRePrompt, parseRe, type ReOptions } from '../core/tasks/relations';
import { RELATION_PRESETS, type RelationPresetId } from '../core/tasks/presets';
import type { LocatedSpan } from './entities';
import { IDLE_RUN, chunksFor, promptLang, runChunks, splitNames, stopRun, type LangMode, type RunState, type StopToken } from './taskRun';

export interface Offsets {
  start: number;
  end: number;
}

export interface RelationRowData {
  /** Stable identity: type, head and tail. */
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
  lang?: Lang;
  types?: string[];
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
export const ARGUMENT_TYPE = 'argument';

export function relationTypes(s: Pick<RelationsState, 'preset' | 'unchecked' | 'freeTypes'>, lang: Lang): string[] {
  const preset = s.preset ? RELATION_PRESETS[s.preset].names[lang].filter((t) => !s.unchecked.includes(t)) : [];
  return [...new Set([...preset, ...splitNames(s.freeTypes)])];
}

export const relationKey = (type: string, head: string, tail: string) => `${type}\u0000${head}\u0000${tail}`;

let token: StopToken = { stopped: false };

export const useRelations = create<RelationsState>()((set, get) => ({
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
    const preset = s.preset ? RELATION_PRESETS[s.preset] : null;
    const options: ReOptions = { types, entityKind: preset && 'entityKind' in preset ? preset.entityKind : undefined };
    const chunks = chunksFor(text, (chunk) => buildRePrompt(chunk, options, lang));
    token = { stopped: false };
    set({ view: { text, rows: [], spans: [], notFound: [], unparsed: [], source: 'model', lang, types } });
    await runChunks(
      chunks,
      (chunk) => buildRePrompt(chunk, options, lang),
      (fn) => set((st) => ({ run: fn(st.run) })),
      (chunk, answer) => {
        const parsed = parseRe(answer, options);
        // Each argument is its own alignment type, so a short argument inside a longer one is still found.
        const args = [...new Set(parsed.relations.flatMap((r) => [r.head, r.tail]))];
        const aligned = alignMentions(chunk.text, args.map((a) => ({ type: a, text: a })));
        const located = shiftSpans(aligned.spans, chunk.start);
        const where = (arg: string) => located.filter((sp) => sp.type === arg).map(({ start, end }) => ({ start, end }));
        set((st) => {
          const v = st.view;
          if (!v) return {};
          const rows = [...v.rows];
          for (const r of parsed.relations) {
            const key = relationKey(r.type, r.head, r.tail);
            const at = rows.findIndex((row) => row.key === key);
            const row = at >= 0 ? rows[at] : { key, type: r.type, head: r.head, tail: r.tail, headSpans: [], tailSpans: [] };
            const merged = { ...row, headSpans: [...row.headSpans, ...where(r.head)], tailSpans: [...row.tailSpans, ...where(r.tail)] };
            if (at >= 0) rows[at] = merged;
            else rows.push(merged);
          }
          const spans = [...v.spans];
          const seen = new Set(spans.map((sp) => `${sp.start}:${sp.end}`));
          for (const sp of located)
            if (!seen.has(`${sp.start}:${sp.end}`)) {
              seen.add(`${sp.start}:${sp.end}`);
              spans.push({ type: ARGUMENT_TYPE, start: sp.start, end: sp.end, text: sp.text });
            }
          const notFound = [...new Set([...v.notFound, ...aligned.notFound.map((m) => m.text)])];
          return { view: { ...v, rows, spans, notFound, unparsed: [...v.unparsed, ...parsed.unparsed] } };
        });
      },
      token,
    );
  },
  stop: () => stopRun(token),
}));

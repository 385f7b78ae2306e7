import { taskGrammar } from '../core/grammar';
import { create } from 'zustand';
import { alignMentions, type MentionQuery } from '../core/align';
import { mergeSpans, type Chunk } from '../core/chunk';
import { buildNerPrompt, parseNer, type NerOptions } from '../core/tasks/ner';
import { ENTITY_PRESETS, type EntityPresetId, type NamePreset } from '../core/tasks/presets';
import type { Lang } from '../core/lang';
import { entityKey, uniqueBy } from '../core/text';
import { IDLE_RUN, chosenNames, chunksFor, promptLang, taskRunner, type LangMode, type RunState } from './taskRun';

/** A mention located in the text a view shows. */
export interface LocatedSpan {
  type: string;
  start: number;
  end: number;
  /** The text at the offsets. */
  text: string;
  /** Concept identifier from an imported file (MeSH id, …), `|`-joined when several. */
  ref?: string;
}

/** What the entities tab shows: the text the offsets refer to, not the (editable) input box. */
export interface EntityView {
  text: string;
  spans: LocatedSpan[];
  /** Mentions the model named that the text does not contain. */
  notFound: MentionQuery[];
  unparsed: string[];
  source: 'model' | 'import';
  /** The types a model run asked for, so the legend keeps their order (and colours) whatever was found. */
  types?: string[];
}

interface EntitiesState {
  input: string;
  langMode: LangMode;
  preset: EntityPresetId | '';
  /** Preset types the user switched off. */
  unchecked: string[];
  /** Extra types typed by the user. */
  freeTypes: string;
  run: RunState;
  view: EntityView | null;
  hidden: string[];
  set: (patch: Partial<Pick<EntitiesState, 'input' | 'langMode' | 'preset' | 'unchecked' | 'freeTypes' | 'hidden'>>) => void;
  showView: (view: EntityView) => void;
  start: () => Promise<void>;
  stop: () => void;
}

export const ENTITY_PRESET_IDS = Object.keys(ENTITY_PRESETS) as EntityPresetId[];

const entityPreset = (id: EntityPresetId | ''): NamePreset | null => (id ? ENTITY_PRESETS[id] : null);

/** The types a run asks for: the preset's names in the prompt language minus the unchecked, plus free types. */
export function entityTypes(s: Pick<EntitiesState, 'preset' | 'unchecked' | 'freeTypes'>, lang: Lang): string[] {
  return chosenNames(entityPreset(s.preset), s.unchecked, s.freeTypes, lang);
}

/** Locates mentions named in the answer for one chunk, at offsets in the whole text. */
export function locateInChunk(chunk: Chunk, mentions: readonly MentionQuery[]): { spans: LocatedSpan[]; notFound: MentionQuery[] } {
  const aligned = alignMentions(chunk.text, mentions);
  const spans = aligned.spans.map(({ type, start, end, text }) => ({ type, start: start + chunk.start, end: end + chunk.start, text }));
  return { spans, notFound: aligned.notFound };
}

export const useEntities = create<EntitiesState>()((set, get) => {
  const runner = taskRunner<EntitiesState>(set);
  return {
    input: '',
    langMode: 'auto',
    preset: 'bc5cdr',
    unchecked: [],
    freeTypes: '',
    run: IDLE_RUN,
    view: null,
    hidden: [],
    set: (patch) => set(patch),
    showView: (view) => set({ view, hidden: [] }),
    start: async () => {
      const s = get();
      if (s.run.running || !s.input.trim()) return;
      const text = s.input;
      const lang = promptLang(s.langMode, text);
      const types = entityTypes(s, lang);
      if (!types.length) return;
      const options: NerOptions = { types, aliases: entityPreset(s.preset)?.aliases };
      const build = (chunk: string) => buildNerPrompt(chunk, options, lang);
      set({ view: { text, spans: [], notFound: [], unparsed: [], source: 'model', types }, hidden: [] });
      await runner.chunks(chunksFor(text, build), build, (chunk, answer) => {
        const parsed = parseNer(answer, options);
        const located = locateInChunk(chunk, parsed.entities);
        set((st) => {
          const v = st.view;
          if (!v) return {};
          return {
            view: {
              ...v,
              spans: mergeSpans([v.spans, located.spans]),
              notFound: uniqueBy([...v.notFound, ...located.notFound], entityKey),
              unparsed: [...v.unparsed, ...parsed.unparsed],
            },
          };
        });
      }, taskGrammar('entities', options, lang));
    },
    stop: runner.stop,
  };
});

import { create } from 'zustand';
import { alignMentions, type MentionQuery } from '../core/align';
import { mergeSpans, mergeUnique, shiftSpans } from '../core/chunk';
import { buildNerPrompt, parseNer, type NerOptions } from '../core/tasks/ner';
import { ENTITY_PRESETS, type EntityPresetId } from '../core/tasks/presets';
import type { Lang } from '../core/lang';
import { IDLE_RUN, chunksFor, promptLang, runChunks, splitNames, stopRun, type LangMode, type RunState, type StopToken } from './taskRun';

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
  /** Prompt language and types of a model run, for export. */
  lang?: Lang;
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

/** The types a run asks for: the preset's names in the prompt language minus the unchecked, plus free types. */
export function entityTypes(s: Pick<EntitiesState, 'preset' | 'unchecked' | 'freeTypes'>, lang: Lang): string[] {
  const preset = s.preset ? ENTITY_PRESETS[s.preset].names[lang].filter((t) => !s.unchecked.includes(t)) : [];
  return [...new Set([...preset, ...splitNames(s.freeTypes)])];
}

let token: StopToken = { stopped: false };

export const useEntities = create<EntitiesState>()((set, get) => ({
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
    const preset = s.preset ? ENTITY_PRESETS[s.preset] : null;
    const options: NerOptions = { types, aliases: preset && 'aliases' in preset ? preset.aliases : undefined };
    const chunks = chunksFor(text, (chunk) => buildNerPrompt(chunk, options, lang));
    token = { stopped: false };
    set({ view: { text, spans: [], notFound: [], unparsed: [], source: 'model', lang, types }, hidden: [] });
    await runChunks(
      chunks,
      (chunk) => buildNerPrompt(chunk, options, lang),
      (fn) => set((st) => ({ run: fn(st.run) })),
      (chunk, answer) => {
        const parsed = parseNer(answer, options);
        const aligned = alignMentions(chunk.text, parsed.entities);
        const located = shiftSpans(aligned.spans, chunk.start).map(({ type, start, end, text: t }) => ({ type, start, end, text: t }));
        set((st) => {
          const v = st.view;
          if (!v) return {};
          return {
            view: {
              ...v,
              spans: mergeSpans([v.spans, located]),
              notFound: mergeUnique([v.notFound, aligned.notFound], (m) => `${m.type}\u0000${m.text}`),
              unparsed: [...v.unparsed, ...parsed.unparsed],
            },
          };
        });
      },
      token,
    );
  },
  stop: () => stopRun(token),
}));

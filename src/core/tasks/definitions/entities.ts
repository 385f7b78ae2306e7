import { taskGrammar } from '../../grammar/index.ts';
import { droppedText } from '../parse.ts';
import type { MentionQuery } from '../../align.ts';
import { addSpans } from '../../chunk.ts';
import { promptLang, type Lang, type LangMode } from '../../lang.ts';
import { locateInChunk, type Span } from '../../spans.ts';
import { entityKey, uniqueBy } from '../../text.ts';
import { buildNerPrompt, parseNer, type NerOptions } from '../ner.ts';
import { ENTITY_PRESETS, type EntityPresetId, type NamePreset } from '../presets.ts';
import { chosenNames } from './names.ts';
import type { TaskDefinition } from './types.ts';

export interface EntitiesForm {
  input: string;
  langMode: LangMode;
  preset: EntityPresetId | '';
  /** Preset types the user switched off. */
  unchecked: string[];
  /** Extra types typed by the user. */
  freeTypes: string;
  /** Types hidden in the legend (a view setting, reset with every new result). */
  hidden: string[];
}

/** What the entities tab shows: the text the offsets refer to, not the (editable) input box. */
export interface EntityView {
  text: string;
  spans: Span[];
  /** Mentions the model named that the text does not contain. */
  notFound: MentionQuery[];
  /**
   * Mentions the model named that the text contains only inside a longer overlapping mention, which is highlighted
   * in their place (absent in views saved before it was kept).
   */
  shadowed?: MentionQuery[];
  unparsed: string[];
  source: 'model' | 'import';
  /** The types a model run asked for, so the legend keeps their order (and colours) whatever was found. */
  types?: string[];
}

export const ENTITY_PRESET_IDS = Object.keys(ENTITY_PRESETS) as EntityPresetId[];

const entityPreset = (id: EntityPresetId | ''): NamePreset | null => (id ? ENTITY_PRESETS[id] : null);

/** The types a run asks for: the preset's names in the prompt language minus the unchecked, plus free types. */
export function entityTypes(f: Pick<EntitiesForm, 'preset' | 'unchecked' | 'freeTypes'>, lang: Lang): string[] {
  return chosenNames(entityPreset(f.preset), f.unchecked, f.freeTypes, lang);
}

/**
 * The keys of the mentions that some span highlights, looked up by type and text: no key is made per span, so a
 * result of tens of thousands of spans costs one pass of lookups per answer.
 */
function highlightedAmong(mentions: readonly MentionQuery[], spans: readonly Span[]): Set<string> {
  const texts = new Map<string, Set<string>>();
  for (const m of mentions) texts.set(m.type, (texts.get(m.type) ?? new Set()).add(m.text));
  const found = new Set<string>();
  if (texts.size) for (const s of spans) if (texts.get(s.type)?.has(s.text)) found.add(entityKey(s));
  return found;
}

export const ENTITIES: TaskDefinition<EntitiesForm, EntityView> = {
  id: 'entities',
  form: { input: '', langMode: 'auto', preset: 'bc5cdr', unchecked: [], freeTypes: '', hidden: [] },
  viewReset: ['hidden'],
  blocker: (f) => (!f.input.trim() ? 'run.needInput' : entityTypes(f, promptLang(f.langMode, f.input)).length ? null : 'run.needTypes'),
  plan: (f) => {
    const lang = promptLang(f.langMode, f.input);
    const types = entityTypes(f, lang);
    const options: NerOptions = { types, aliases: entityPreset(f.preset)?.aliases };
    return {
      kind: 'chunked',
      grammar: taskGrammar('entities', options, lang),
      document: f.input,
      initial: { text: f.input, spans: [], notFound: [], shadowed: [], unparsed: [], source: 'model', types },
      prompt: (chunk) => buildNerPrompt(chunk, options, lang),
      addAnswer: (v, answer, chunk, { truncated }) => {
        // The chunk's text decides `a, b` lists and a bare `NO`; the preset says which types nest others.
        const parsed = parseNer(answer, { ...options, source: chunk.text, truncated });
        const located = locateInChunk(chunk, parsed.entities, { nestingTypes: entityPreset(f.preset)?.nestingTypes });
        const spans = addSpans(v.spans, located.spans);
        // hidden in one part of a long text but highlighted in another is not hidden
        const shadowed = uniqueBy([...(v.shadowed ?? []), ...located.shadowed], entityKey);
        const highlighted = highlightedAmong(shadowed, spans);
        return {
          ...v,
          spans,
          notFound: uniqueBy([...v.notFound, ...located.notFound], entityKey),
          shadowed: shadowed.filter((m) => !highlighted.has(entityKey(m))),
          unparsed: [...v.unparsed, ...parsed.unparsed, ...droppedText(parsed.notes)],
        };
      },
    };
  },
};

import { taskGrammar } from '../../grammar/index.ts';
import { addSpans } from '../../chunk.ts';
import { promptLang, type Lang, type LangMode } from '../../lang.ts';
import { locateInChunk, type Span } from '../../spans.ts';
import { CDEE_ROLES, buildEventPrompt, parseEvents, type EventOptions, type ExtractedEvent } from '../events.ts';
import { splitNames, type TaskDefinition } from './types.ts';

export interface EventsForm {
  input: string;
  langMode: LangMode;
  /** English prompts name the event types and roles; Chinese ones use CHIP-CDEE's clinical-finding event. */
  eventTypes: string;
  roles: string;
}

export interface EventsView {
  text: string;
  events: ExtractedEvent[];
  /** Argument values located in the text, typed by role. */
  spans: Span[];
  unparsed: string[];
}

/** Taiyi's README English event schema. */
export const DEFAULT_EVENT_TYPES = 'Treatment of disease, Cause of disease';
export const DEFAULT_ROLES = 'Cause, Theme';

export function eventOptions(f: Pick<EventsForm, 'eventTypes' | 'roles'>, lang: Lang): EventOptions {
  return lang === 'zh'
    ? { eventTypes: ['临床发现'], roles: [...CDEE_ROLES] }
    : { eventTypes: splitNames(f.eventTypes), roles: splitNames(f.roles) };
}

export const EVENTS: TaskDefinition<EventsForm, EventsView> = {
  id: 'events',
  form: { input: '', langMode: 'auto', eventTypes: DEFAULT_EVENT_TYPES, roles: DEFAULT_ROLES },
  blocker: (f) =>
    !f.input.trim() ? 'run.needInput' : eventOptions(f, promptLang(f.langMode, f.input)).eventTypes.length ? null : 'events.needTypes',
  plan: (f) => {
    const lang = promptLang(f.langMode, f.input);
    const options = eventOptions(f, lang);
    return {
      kind: 'chunked',
      grammar: taskGrammar('events', options, lang),
      document: f.input,
      initial: { text: f.input, events: [], spans: [], unparsed: [] },
      prompt: (chunk) => buildEventPrompt(chunk, options, lang),
      addAnswer: (v, answer, chunk) => {
        const parsed = parseEvents(answer, options);
        const args = parsed.events.flatMap((e) => e.arguments.filter((a) => a.text).map((a) => ({ type: a.role, text: a.text })));
        const { spans } = locateInChunk(chunk, args);
        return {
          ...v,
          events: [...v.events, ...parsed.events],
          spans: addSpans(v.spans, spans),
          unparsed: [...v.unparsed, ...parsed.unparsed],
        };
      },
    };
  },
};

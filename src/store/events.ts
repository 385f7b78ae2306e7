import { taskGrammar } from '../core/grammar';
import { create } from 'zustand';
import { mergeSpans } from '../core/chunk';
import { CDEE_ROLES, buildEventPrompt, parseEvents, type EventOptions, type ExtractedEvent } from '../core/tasks/events';
import type { Lang } from '../core/lang';
import { locateInChunk, type LocatedSpan } from './entities';
import { IDLE_RUN, chunksFor, promptLang, splitNames, taskRunner, type LangMode, type RunState } from './taskRun';

interface EventsView {
  text: string;
  events: ExtractedEvent[];
  /** Argument values located in the text, typed by role. */
  spans: LocatedSpan[];
  unparsed: string[];
}

interface EventsState {
  input: string;
  langMode: LangMode;
  /** English prompts name the event types and roles; Chinese ones use CHIP-CDEE's clinical-finding event. */
  eventTypes: string;
  roles: string;
  run: RunState;
  view: EventsView | null;
  set: (patch: Partial<Pick<EventsState, 'input' | 'langMode' | 'eventTypes' | 'roles'>>) => void;
  start: () => Promise<void>;
  stop: () => void;
}

/** Taiyi's README English event schema. */
export const DEFAULT_EVENT_TYPES = 'Treatment of disease, Cause of disease';
export const DEFAULT_ROLES = 'Cause, Theme';

export function eventOptions(s: Pick<EventsState, 'eventTypes' | 'roles'>, lang: Lang): EventOptions {
  return lang === 'zh' ? { eventTypes: ['临床发现'], roles: [...CDEE_ROLES] } : { eventTypes: splitNames(s.eventTypes), roles: splitNames(s.roles) };
}

export const useEvents = create<EventsState>()((set, get) => {
  const runner = taskRunner<EventsState>(set);
  return {
    input: '',
    langMode: 'auto',
    eventTypes: DEFAULT_EVENT_TYPES,
    roles: DEFAULT_ROLES,
    run: IDLE_RUN,
    view: null,
    set: (patch) => set(patch),
    start: async () => {
      const s = get();
      if (s.run.running || !s.input.trim()) return;
      const text = s.input;
      const lang = promptLang(s.langMode, text);
      const options = eventOptions(s, lang);
      if (!options.eventTypes.length) return;
      const build = (chunk: string) => buildEventPrompt(chunk, options, lang);
      set({ view: { text, events: [], spans: [], unparsed: [] } });
      await runner.chunks(chunksFor(text, build), build, (chunk, answer) => {
        const parsed = parseEvents(answer, options);
        const args = parsed.events.flatMap((e) => e.arguments.filter((a) => a.text).map((a) => ({ type: a.role, text: a.text })));
        const { spans } = locateInChunk(chunk, args);
        set((st) => {
          const v = st.view;
          if (!v) return {};
          return { view: { ...v, events: [...v.events, ...parsed.events], spans: mergeSpans([v.spans, spans]), unparsed: [...v.unparsed, ...parsed.unparsed] } };
        });
      }, taskGrammar('events', options, lang));
    },
    stop: runner.stop,
  };
});

import { create } from 'zustand';
import { alignMentions } from '../core/align';
import { mergeSpans, shiftSpans } from '../core/chunk';
import { CDEE_ROLES, buildEventPrompt, parseEvents, type EventOptions, type ExtractedEvent } from '../core/tasks/events';
import type { Lang } from '../core/lang';
import type { LocatedSpan } from './entities';
import { IDLE_RUN, chunksFor, promptLang, runChunks, splitNames, stopRun, type LangMode, type RunState, type StopToken } from './taskRun';

export interface EventsView {
  text: string;
  lang: Lang;
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

let token: StopToken = { stopped: false };

export const useEvents = create<EventsState>()((set, get) => ({
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
    const chunks = chunksFor(text, (chunk) => buildEventPrompt(chunk, options, lang));
    token = { stopped: false };
    set({ view: { text, lang, events: [], spans: [], unparsed: [] } });
    await runChunks(
      chunks,
      (chunk) => buildEventPrompt(chunk, options, lang),
      (fn) => set((st) => ({ run: fn(st.run) })),
      (chunk, answer) => {
        const parsed = parseEvents(answer, options);
        const args = parsed.events.flatMap((e) => e.arguments.filter((a) => a.text).map((a) => ({ type: a.role, text: a.text })));
        const located = shiftSpans(alignMentions(chunk.text, args).spans, chunk.start).map(({ type, start, end, text: t }) => ({ type, start, end, text: t }));
        set((st) =>
          st.view
            ? {
                view: {
                  ...st.view,
                  events: [...st.view.events, ...parsed.events],
                  spans: mergeSpans([st.view.spans, located]),
                  unparsed: [...st.view.unparsed, ...parsed.unparsed],
                },
              }
            : {},
        );
      },
      token,
    );
  },
  stop: () => stopRun(token),
}));

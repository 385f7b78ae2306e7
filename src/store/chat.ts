import { create } from 'zustand';
import { buildChatPrompt, parseChat, parseDialogue, truncateHistory, type ReportSection } from '../core/tasks/dialogue';
import type { ChatTurn } from '../engine/types';
import { IDLE_RUN, taskRunner, type RunState } from './taskRun';

export type ChatMode = 'chat' | 'report';

interface ChatState {
  mode: ChatMode;
  /** Chat: the next message. Report: the consultation, one `患者：`/`医生：` utterance per line. */
  input: string;
  turns: ChatTurn[];
  /** Turns whose answer was stopped before it ended. */
  stoppedAt: number[];
  /** The model that wrote each answer, by turn index: a reply keeps its author after another model is loaded. */
  repliedBy: Record<number, string>;
  report: { sections: ReportSection[]; text: string; unparsed: string[] } | null;
  run: RunState;
  set: (patch: Partial<Pick<ChatState, 'mode' | 'input'>>) => void;
  send: () => Promise<void>;
  stop: () => void;
  reset: () => void;
}

export const useChat = create<ChatState>()((set, get) => {
  const runner = taskRunner<ChatState>(set);
  return {
    mode: 'chat',
    input: '',
    turns: [],
    stoppedAt: [],
    repliedBy: {},
    report: null,
    run: IDLE_RUN,
    set: (patch) => set(patch),
    send: async () => {
      const s = get();
      if (s.run.running || !s.input.trim()) return;
      if (s.mode === 'report') {
        const prompt = buildChatPrompt({ dialogue: parseDialogue(s.input) }, { mode: 'report' });
        set({ report: { sections: [], text: '', unparsed: [] } });
        await runner.prompts([prompt], (_, answer) => set({ report: parseChat(answer, { mode: 'report' }) }));
        return;
      }
      const message = s.input.trim();
      const turns: ChatTurn[] = [...s.turns, { role: 'user', content: message }];
      set({ turns, input: '' });
      // Taiyi's own scripts keep the last 1000 tokens of history.
      const reply = (content: string, stopped: boolean) =>
        set((st) => {
          const author = st.run.provenance?.model.label;
          return {
            turns: [...st.turns, { role: 'assistant', content }],
            stoppedAt: stopped ? [...st.stoppedAt, st.turns.length] : st.stoppedAt,
            repliedBy: author ? { ...st.repliedBy, [st.turns.length]: author } : st.repliedBy,
          };
        });
      const outcome = await runner.prompts([truncateHistory(turns)], (_, answer) => reply(parseChat(answer, {}).text, false));
      if (outcome === 'stopped') {
        reply(parseChat(get().run.raws[0] ?? '', {}).text, true);
      } else if (outcome === 'failed') {
        // Nothing was answered: give the message back rather than leave an unanswered turn in the history.
        set((st) => ({ turns: st.turns.slice(0, -1), input: st.input || message }));
      }
    },
    stop: runner.stop,
    reset: () => {
      if (get().run.running) return;
      set({ turns: [], stoppedAt: [], repliedBy: {}, report: null, run: IDLE_RUN });
    },
  };
});

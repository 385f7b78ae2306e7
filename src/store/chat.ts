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
      const outcome = await runner.prompts([truncateHistory(turns)], (_, answer) => {
        set((st) => ({ turns: [...st.turns, { role: 'assistant', content: parseChat(answer, {}).text }] }));
      });
      if (outcome === 'stopped') {
        const partial = parseChat(get().run.raws[0] ?? '', {}).text;
        set((st) => ({ turns: [...st.turns, { role: 'assistant', content: partial }], stoppedAt: [...st.stoppedAt, st.turns.length] }));
      } else if (outcome === 'failed') {
        // Nothing was answered: give the message back rather than leave an unanswered turn in the history.
        set((st) => ({ turns: st.turns.slice(0, -1), input: st.input || message }));
      }
    },
    stop: runner.stop,
    reset: () => {
      if (get().run.running) return;
      set({ turns: [], stoppedAt: [], report: null, run: IDLE_RUN });
    },
  };
});

import { create } from 'zustand';
import { buildChatPrompt, parseChat, truncateHistory, type ReportSection, type Utterance } from '../core/tasks/dialogue';
import type { ChatTurn } from '../engine/types';
import { IDLE_RUN, runPrompts, stopRun, type RunState, type StopToken } from './taskRun';

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

const SPEAKER = /^\s*(患者|病人|家属|patient|医生|大夫|doctor)\s*[:：]\s*/i;

/** Reads a pasted consultation: each `患者：`/`医生：` line starts an utterance; other lines continue it. */
export function parseDialogue(text: string): Utterance[] {
  const out: Utterance[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim()) continue;
    const m = SPEAKER.exec(line);
    if (m) out.push({ speaker: /医生|大夫|doctor/i.test(m[1]) ? 'doctor' : 'patient', text: line.slice(m[0].length).trim() });
    else if (out.length) out[out.length - 1].text += line.trim();
    else out.push({ speaker: 'patient', text: line.trim() });
  }
  return out;
}

let token: StopToken = { stopped: false };

export const useChat = create<ChatState>()((set, get) => ({
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
    token = { stopped: false };
    const update = (fn: (r: RunState) => RunState) => set((st) => ({ run: fn(st.run) }));
    if (s.mode === 'report') {
      const prompt = buildChatPrompt({ dialogue: parseDialogue(s.input) }, { mode: 'report' });
      set({ report: { sections: [], text: '', unparsed: [] } });
      await runPrompts([prompt], update, (_, answer) => set({ report: parseChat(answer, { mode: 'report' }) }), token);
      return;
    }
    const message = s.input.trim();
    const turns: ChatTurn[] = [...s.turns, { role: 'user', content: message }];
    set({ turns, input: '' });
    // Taiyi's own scripts keep the last 1000 tokens of history.
    const outcome = await runPrompts([truncateHistory(turns)], update, (_, answer) => {
      set((st) => ({ turns: [...st.turns, { role: 'assistant', content: parseChat(answer, {}).text }] }));
    }, token);
    if (outcome === 'stopped') {
      const partial = parseChat(get().run.raws[0] ?? '', {}).text;
      set((st) => ({ turns: [...st.turns, { role: 'assistant', content: partial }], stoppedAt: [...st.stoppedAt, st.turns.length] }));
    } else if (outcome === 'failed') {
      // Nothing was answered: give the message back rather than leave an unanswered turn in the history.
      set((st) => ({ turns: st.turns.slice(0, -1), input: st.input || message }));
    }
  },
  stop: () => stopRun(token),
  reset: () => {
    if (get().run.running) return;
    set({ turns: [], stoppedAt: [], report: null, run: IDLE_RUN });
  },
}));

import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { runStatus } from '../../core/run';
import { stripSpecialTokens } from '../../core/tasks/parse';
import { ExamplePicker } from '../../components/ExamplePicker';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RawOutput } from '../../components/RawOutput';
import { useFollowEnd } from '../../components/followEnd';
import { RunBar } from '../workbench/RunBar';
import { loadedEntry, useModel } from '../../store/model';
import { SafeMarkdown, StreamingMarkdown } from '../../components/SafeMarkdown';
import { TaskInput } from '../../components/TaskInput';
import { useChat, type ChatMode } from '../../store/chat';
import { CHAT_EXAMPLES } from './examples';
import { TaskSettings } from '../workbench/TaskSettings';
import type { ChatTurn } from '../../core/tasks/dialogue';

const MODES: readonly ChatMode[] = ['chat', 'report'];

/**
 * The reply being written, the only part of the log that follows the tokens. As it grows, the log keeps its end in
 * view unless the reader has scrolled up to an earlier turn (`useFollowEnd`: no layout forced per update).
 */
function StreamingReply({ who, log }: { who: string; log: RefObject<HTMLOListElement | null> }) {
  const text = useChat((c) => stripSpecialTokens(c.run.raws[0] ?? ''));
  const item = useRef<HTMLLIElement>(null);
  useFollowEnd(log, item);
  return (
    <li className="assistant" aria-busy="true" ref={item}>
      <span className="who">{who}</span>
      <StreamingMarkdown text={text} streaming />
    </li>
  );
}

/** Multi-turn conversation with Taiyi, or a consultation report from a pasted doctor–patient dialogue. */
export function ChatPanel() {
  const { t } = useTranslation('workbench');
  const s = useChat(
    useShallow(({ mode, input, turns, stoppedAt, repliedBy, report }) => ({ mode, input, turns, stoppedAt, repliedBy, report })),
  );
  const run = useChat(useShallow((c) => runStatus(c.run)));
  const { set, send, stop, reset } = useChat(useShallow(({ set, send, stop, reset }) => ({ set, send, stop, reset })));
  // each reply is named after the model that wrote it (the one loaded while it streams), not always "Taiyi"
  const model = useModel((m) => loadedEntry(m)?.label ?? null);
  const who = (role: ChatTurn['role'], author: string | null) => (role === 'assistant' && author ? author : t(`chat.${role}`));
  const log = useRef<HTMLOListElement>(null);
  const streaming = s.mode === 'chat' && run.running;
  // a new turn (the user's message, a finished reply) brings the end of the conversation into view
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [s.turns.length]);

  return (
    <div className="task">
      <fieldset className="row">
        <legend>{t('chat.mode')}</legend>
        {MODES.map((m) => (
          <label key={m} className="checkbox">
            <input type="radio" name="chat-mode" data-testid={`chat-mode-${m}`} checked={s.mode === m} onChange={() => set({ mode: m })} />{' '}
            {t(`chat.modes.${m}`)}
          </label>
        ))}
      </fieldset>
      {s.mode === 'chat' && (s.turns.length > 0 || streaming) && (
        <ol className="chat-log" ref={log} aria-label={t('chat.log')} data-testid="chat-log">
          {s.turns.map((turn, i) => (
            <li key={i} className={turn.role} data-testid={`chat-${turn.role}`}>
              <span className="who">{who(turn.role, s.repliedBy[i] ?? null)}</span>
              {turn.role === 'assistant' ? <SafeMarkdown text={turn.content} /> : <span className="user-text">{turn.content}</span>}
              {s.stoppedAt.includes(i) && <span className="hint">{t('chat.stopped')}</span>}
            </li>
          ))}
          {streaming && <StreamingReply who={who('assistant', run.provenance?.model.label ?? model)} log={log} />}
        </ol>
      )}
      <TaskInput
        label={s.mode === 'chat' ? t('chat.message') : t('chat.dialogue')}
        value={s.input}
        onChange={(v) => set({ input: v })}
        onSubmit={() => void send()}
        rows={s.mode === 'chat' ? 3 : 8}
        acceptFiles={s.mode === 'report'}
        placeholder={s.mode === 'chat' ? t('chat.placeholder') : t('chat.dialoguePlaceholder')}
      >
        <ExamplePicker examples={CHAT_EXAMPLES} onPick={(ex) => set({ mode: ex.mode, input: ex.text })} />
      </TaskInput>
      <TaskSettings task="chat" />
      <RunBar run={run} ready={!!s.input.trim()} why={t('chat.needMessage')} onRun={() => void send()} onStop={stop}>
        {s.mode === 'chat' && (
          <button type="button" data-testid="chat-reset" disabled={run.running || s.turns.length === 0} onClick={reset}>
            {t('chat.reset')}
          </button>
        )}
      </RunBar>
      {s.mode === 'report' && s.report && (
        <section className="result" aria-labelledby="report-result">
          <h3 id="report-result">{t('chat.report')}</h3>
          {s.report.sections.length > 0 && (
            <dl className="report" data-testid="report">
              {s.report.sections.map((sec) => (
                <div key={sec.title}>
                  <dt>{sec.title}</dt>
                  <dd>{sec.text}</dd>
                </div>
              ))}
            </dl>
          )}
          {showNothing(run, s.report.sections.length) && <NothingParsed run={run} what={t('chat.what')} unparsed={s.report.unparsed} />}
        </section>
      )}
      <RawOutput store={useChat} />
    </div>
  );
}

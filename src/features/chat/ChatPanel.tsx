import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { runStatus } from '../../core/run';
import { stripSpecialTokens } from '../../core/tasks/parse';
import { ExamplePicker } from '../../components/ExamplePicker';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../workbench/RunBar';
import { loadedEntry, useModel } from '../../store/model';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { TaskInput } from '../../components/TaskInput';
import { useChat, type ChatMode } from '../../store/chat';
import { CHAT_EXAMPLES } from './examples';
import { TaskSettings } from '../workbench/TaskSettings';
import type { ChatTurn } from '../../core/tasks/dialogue';

const MODES: readonly ChatMode[] = ['chat', 'report'];

/** Multi-turn conversation with Taiyi, or a consultation report from a pasted doctor–patient dialogue. */
export function ChatPanel() {
  const { t } = useTranslation('workbench');
  const s = useChat(
    useShallow(({ mode, input, turns, stoppedAt, repliedBy, report, run }) => ({ mode, input, turns, stoppedAt, repliedBy, report, run })),
  );
  const { set, send, stop, reset } = useChat(useShallow(({ set, send, stop, reset }) => ({ set, send, stop, reset })));
  // each reply is named after the model that wrote it (the one loaded while it streams), not always "Taiyi"
  const model = useModel((m) => loadedEntry(m)?.label ?? null);
  const who = (role: ChatTurn['role'], author: string | null) => (role === 'assistant' && author ? author : t(`chat.${role}`));
  const log = useRef<HTMLOListElement>(null);
  const streaming = s.mode === 'chat' && s.run.running ? stripSpecialTokens(s.run.raws[0] ?? '') : null;
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [s.turns.length, streaming]);

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
      {s.mode === 'chat' && (s.turns.length > 0 || streaming !== null) && (
        <ol className="chat-log" ref={log} aria-label={t('chat.log')} data-testid="chat-log">
          {s.turns.map((turn, i) => (
            <li key={i} className={turn.role} data-testid={`chat-${turn.role}`}>
              <span className="who">{who(turn.role, s.repliedBy[i] ?? null)}</span>
              {turn.role === 'assistant' ? <SafeMarkdown text={turn.content} /> : <span className="user-text">{turn.content}</span>}
              {s.stoppedAt.includes(i) && <span className="hint">{t('chat.stopped')}</span>}
            </li>
          ))}
          {streaming !== null && (
            <li className="assistant" aria-busy="true">
              <span className="who">{who('assistant', s.run.provenance?.model.label ?? model)}</span>
              <SafeMarkdown text={streaming} />
            </li>
          )}
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
      <RunBar run={s.run} ready={!!s.input.trim()} why={t('chat.needMessage')} onRun={() => void send()} onStop={stop}>
        {s.mode === 'chat' && (
          <button type="button" data-testid="chat-reset" disabled={s.run.running || s.turns.length === 0} onClick={reset}>
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
          {showNothing(s.run, s.report.sections.length) && (
            <NothingParsed run={runStatus(s.run)} what={t('chat.what')} unparsed={s.report.unparsed} />
          )}
        </section>
      )}
      <RawOutput run={s.run} />
    </div>
  );
}

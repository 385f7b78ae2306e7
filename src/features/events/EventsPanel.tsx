import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ExamplePicker } from '../../components/ExamplePicker';
import { HighlightedText } from '../../components/HighlightedText';
import { LangSelect } from '../../components/LangSelect';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { typeIndex as indexTypes } from '../../components/palette';
import { DEFAULT_EVENT_TYPES, DEFAULT_ROLES, eventOptions, useEvents } from '../../store/events';
import { promptLang } from '../../store/taskRun';
import { TaskSettings } from '../workbench/TaskSettings';

const EXAMPLES = [
  { id: 'eeEn', text: 'Contaminated drinking water is responsible for causing diarrheal diseases that kill millions of people a year.' },
  { id: 'eeZh', text: '因患者需期末考试，故予以口服“雷贝拉唑钠肠溶片”治疗，现腹痛情况明显好转。' },
] as const;

/** Event extraction: a table of events with their arguments, located in the text. */
export function EventsPanel() {
  const { t } = useTranslation('workbench');
  const s = useEvents(useShallow(({ input, langMode, eventTypes, roles, run, view }) => ({ input, langMode, eventTypes, roles, run, view })));
  const { set, start, stop } = useEvents(useShallow(({ set, start, stop }) => ({ set, start, stop })));
  const lang = useMemo(() => promptLang(s.langMode, s.input), [s.langMode, s.input]);
  const options = eventOptions(s, lang);
  const view = s.view;
  const roles = useMemo(() => [...new Set(view?.events.flatMap((e) => e.arguments.map((a) => a.role)) ?? [])], [view]);
  const index = useMemo(() => indexTypes(roles), [roles]);
  const why = !s.input.trim() ? t('run.needInput') : options.eventTypes.length === 0 ? t('events.needTypes') : null;

  return (
    <div className="task">
      <TaskInput label={t('events.input')} value={s.input} onChange={(v) => set({ input: v })} onSubmit={() => void start()}>
        <ExamplePicker examples={EXAMPLES} onPick={(ex) => set({ input: ex.text, eventTypes: DEFAULT_EVENT_TYPES, roles: DEFAULT_ROLES })} />
      </TaskInput>
      <div className="task-options">
        {lang === 'en' ? (
          <>
            <label>
              {t('events.types')}
              <input type="text" data-testid="event-types" value={s.eventTypes} onChange={(e) => set({ eventTypes: e.target.value })} />
            </label>
            <label>
              {t('events.roles')}
              <input type="text" data-testid="event-roles" value={s.roles} onChange={(e) => set({ roles: e.target.value })} />
            </label>
          </>
        ) : (
          <p className="hint">{t('events.cdee')}</p>
        )}
        <LangSelect value={s.langMode} onChange={(v) => set({ langMode: v })} input={s.input} />
        <TaskSettings task="events" />
      </div>
      <RunBar run={s.run} ready={!why} why={why} onRun={() => void start()} onStop={stop} />
      {view && (
        <section className="result" aria-labelledby="events-result">
          <h3 id="events-result">{t('events.result')}</h3>
          {view.events.length > 0 && (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('events.type')}</th>
                    {roles.map((r) => (
                      <th scope="col" key={r}>
                        {r}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {view.events.map((e, i) => (
                    <tr key={i} data-testid="event-row">
                      <td>{e.type}</td>
                      {roles.map((r) => (
                        <td key={r}>
                          {e.arguments
                            .filter((a) => a.role === r)
                            .map((a) => a.text || '—')
                            .join('; ')}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {view.spans.length > 0 && <HighlightedText text={view.text} spans={view.spans} typeIndex={index} label={t('events.textLabel')} />}
          {showNothing(s.run, view.events.length) && <NothingParsed run={s.run} what={t('events.what')} unparsed={view.unparsed} />}
        </section>
      )}
      <RawOutput run={s.run} />
    </div>
  );
}

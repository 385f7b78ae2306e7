import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { promptLang } from '../../core/lang';
import { DEFAULT_EVENT_TYPES, DEFAULT_ROLES, type EventsForm, type EventsView } from '../../core/tasks/definitions/events';
import { HighlightedText } from '../../components/HighlightedText';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { stableTypeIndex as indexTypes } from '../../components/palette';
import { taskPanel, type FormProps, type ResultProps } from '../workbench/TaskFrame';

const EXAMPLES = [
  { id: 'eeEn', text: 'Contaminated drinking water is responsible for causing diarrheal diseases that kill millions of people a year.' },
  { id: 'eeZh', text: '因患者需期末考试，故予以口服“雷贝拉唑钠肠溶片”治疗，现腹痛情况明显好转。' },
] as const;

/** English prompts name the event types and roles; Chinese ones use CHIP-CDEE's fixed schema. */
function Schema({ form, set }: FormProps<EventsForm>) {
  const { t } = useTranslation('workbench');
  const lang = useMemo(() => promptLang(form.langMode, form.input), [form.langMode, form.input]);
  if (lang !== 'en') return <p className="hint">{t('events.cdee')}</p>;
  return (
    <>
      <label>
        {t('events.types')}
        <input type="text" data-testid="event-types" value={form.eventTypes} onChange={(e) => set({ eventTypes: e.target.value })} />
      </label>
      <label>
        {t('events.roles')}
        <input type="text" data-testid="event-roles" value={form.roles} onChange={(e) => set({ roles: e.target.value })} />
      </label>
    </>
  );
}

function EventsResult({ view, run }: ResultProps<EventsForm, EventsView>) {
  const { t } = useTranslation('workbench');
  const roles = useMemo(() => [...new Set(view.events.flatMap((e) => e.arguments.map((a) => a.role)))], [view]);
  const index = useMemo(() => indexTypes(roles), [roles]);
  return (
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
      {showNothing(run, view.events.length) && <NothingParsed run={run} what={t('events.what')} unparsed={view.unparsed} />}
    </section>
  );
}

/** Event extraction: a table of events with their arguments, located in the text. */
export const EventsPanel = taskPanel({
  id: 'events',
  input: { field: 'input', label: 'events.input' },
  examples: EXAMPLES,
  onExample: (ex) => ({ input: ex.text, eventTypes: DEFAULT_EVENT_TYPES, roles: DEFAULT_ROLES }),
  Options: Schema,
  langFrom: (f) => f.input,
  Result: EventsResult,
});

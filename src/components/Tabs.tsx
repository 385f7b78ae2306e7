import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { rovingIndex } from './roving';

export interface TabItem<Id extends string = string> {
  id: Id;
  label: string;
}

interface TabsProps<Id extends string> {
  items: TabItem<Id>[];
  active: Id;
  onChange: (id: Id) => void;
  label: string;
  children: ReactNode;
}

/**
 * WAI-ARIA tabs with automatic activation: arrows move and open, Home/End jump, only the active tab is in the
 * tab order. Panels are rendered by the caller as `children` of the one active panel.
 */
export function Tabs<Id extends string>({ items, active, onChange, label, children }: TabsProps<Id>) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  // On narrow screens the tab strip scrolls: keep the open tab in view (also when opened by `?task=`).
  useEffect(() => {
    refs.current.get(active)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [active]);
  const onKeyDown = (e: KeyboardEvent) => {
    const next = rovingIndex(
      e.key,
      items.findIndex((t) => t.id === active),
      items.length,
      'horizontal',
      true,
    );
    if (next === undefined) return;
    e.preventDefault();
    const item = items[next]!;
    onChange(item.id);
    refs.current.get(item.id)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKeyDown}>
        {items.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
              else refs.current.delete(t.id);
            }}
            role="tab"
            type="button"
            id={`tab-${t.id}`}
            data-testid={`tab-${t.id}`}
            aria-selected={t.id === active}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === active ? 0 : -1}
            onClick={() => onChange(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} className="tabpanel" tabIndex={0}>
        {children}
      </div>
    </>
  );
}

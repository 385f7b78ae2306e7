import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayName } from './displayName';

interface TypePickerProps {
  legend: string;
  presets: readonly { id: string; label: string }[];
  preset: string;
  onPreset: (id: string) => void;
  /** The chosen preset's names in the prompt language. */
  names: readonly string[];
  unchecked: readonly string[];
  onUnchecked: (names: string[]) => void;
  freeTypes: string;
  onFreeTypes: (value: string) => void;
  freeLabel: string;
  /** Example names for the free field (the default suits entity types). */
  freePlaceholder?: string;
}

/** A preset of types (datasets of the paper) whose names can be switched off, plus free types. */
export function TypePicker(p: TypePickerProps) {
  const { t } = useTranslation('workbench');
  const { name: displayName } = useDisplayName();
  const id = useId();
  const toggle = (name: string, on: boolean) => p.onUnchecked(on ? p.unchecked.filter((n) => n !== name) : [...p.unchecked, name]);
  return (
    <fieldset className="type-picker">
      <legend>{p.legend}</legend>
      <div className="row">
        <label htmlFor={`${id}-preset`}>{t('types.preset')}</label>
        <select id={`${id}-preset`} data-testid="type-preset" value={p.preset} onChange={(e) => p.onPreset(e.target.value)}>
          {p.presets.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
          <option value="">{t('types.none')}</option>
        </select>
        {p.names.length > 3 && (
          <button type="button" className="link" onClick={() => p.onUnchecked(p.unchecked.length ? [] : [...p.names])}>
            {p.unchecked.length ? t('types.all') : t('types.clear')}
          </button>
        )}
      </div>
      {p.names.length > 0 && (
        <div className="checks" role="group" aria-label={p.legend}>
          {p.names.map((name) => (
            <label key={name}>
              <input type="checkbox" value={name} checked={!p.unchecked.includes(name)} onChange={(e) => toggle(name, e.target.checked)} />
              {displayName(name)}
            </label>
          ))}
        </div>
      )}
      <label htmlFor={`${id}-free`} className="hint">
        {p.freeLabel}
      </label>
      <input
        id={`${id}-free`}
        type="text"
        data-testid="free-types"
        value={p.freeTypes}
        placeholder={p.freePlaceholder ?? t('types.freePlaceholder')}
        onChange={(e) => p.onFreeTypes(e.target.value)}
      />
    </fieldset>
  );
}

import { useTranslation } from 'react-i18next';
import { typeClasses } from './palette';
import { useDisplayName } from './displayName';

interface EntityLegendProps {
  /** Types in style order. */
  types: readonly string[];
  counts: ReadonlyMap<string, number>;
  typeIndex: ReadonlyMap<string, number>;
  hidden: readonly string[];
  onToggle: (type: string) => void;
}

/** One toggle per type with its colour and underline pattern and its number of mentions. */
export function EntityLegend({ types, counts, typeIndex, hidden, onToggle }: EntityLegendProps) {
  const { t } = useTranslation('workbench');
  const { lang, name: displayName } = useDisplayName();
  return (
    <ul className="legend" aria-label={t('legend.label')} data-testid="entity-legend">
      {types.map((type) => {
        const shown = !hidden.includes(type);
        const name = displayName(type);
        return (
          <li key={type}>
            <button
              type="button"
              aria-pressed={shown}
              data-testid="legend-type"
              data-type={type}
              title={shown ? t('legend.hide', { type: name }) : t('legend.show', { type: name })}
              onClick={() => onToggle(type)}
            >
              <span className={`swatch ${typeClasses(typeIndex.get(type) ?? typeIndex.size)}`} aria-hidden="true" />
              <span lang={name === type ? undefined : lang === 'zh' ? 'zh-CN' : 'en'}>{name}</span>
              <span className="count">{counts.get(type) ?? 0}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

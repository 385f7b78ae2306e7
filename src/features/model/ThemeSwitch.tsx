import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyTheme, savedTheme, THEMES, type Theme } from '../../app/theme';

/** Picks the colour theme: the system's, light or dark. */
export function ThemeSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const [theme, setTheme] = useState<Theme>(savedTheme);
  return (
    <span className="theme-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('theme.label')}
      </label>
      <select
        id={id}
        data-testid="theme-switch"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          applyTheme(next);
        }}
      >
        {THEMES.map((th) => (
          <option key={th} value={th}>
            {t(`theme.${th}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * The colour theme: the system's (light or dark, following `prefers-color-scheme`), or one the user picked.
 * The choice is kept in local storage and shown as `data-theme` on `<html>`, which the style sheets read.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const THEME_KEY = 'taiyi.theme';

export function savedTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    return THEMES.includes(saved as Theme) ? (saved as Theme) : 'system';
  } catch {
    return 'system';
  }
}

/** Shows `theme` and remembers it for the next visit. */
export function applyTheme(theme: Theme, remember = true) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  if (!remember) return;
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage disabled: the theme holds for this visit
  }
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../core/lang';
import { displayTypeName } from '../core/tasks/presets';

/**
 * How the UI names an entity type, relation type or label in its own language: a preset's Chinese name, else the
 * UI's translation of a dataset label (`workbench:displayNames`, by the lower-cased name), else the name itself.
 * Only what is shown changes: values, prompts, exports and `data-*` attributes keep the dataset's names.
 */
export function useDisplayName(): { lang: Lang; name: (name: string) => string } {
  const { t, i18n } = useTranslation('workbench');
  const lang: Lang = i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
  const name = useCallback(
    (raw: string) => {
      const preset = displayTypeName(raw, lang);
      if (preset !== raw || lang !== 'zh') return preset;
      const labels = t('displayNames', { returnObjects: true }) as Readonly<Record<string, string>>;
      return labels[raw.toLowerCase()] ?? raw;
    },
    [lang, t],
  );
  return { lang, name };
}

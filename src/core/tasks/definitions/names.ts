import type { Lang } from '../../lang.ts';
import type { NamePreset } from '../presets.ts';
import { splitNames } from './types.ts';

/** The names a run offers: the preset's in the prompt language minus those switched off, plus the user's own. */
export function chosenNames(preset: NamePreset | null, unchecked: readonly string[], free: string, lang: Lang): string[] {
  const named = preset ? preset.names[lang].filter((n) => !unchecked.includes(n)) : [];
  return [...new Set([...named, ...splitNames(free)])];
}

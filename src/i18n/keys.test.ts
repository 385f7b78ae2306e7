/**
 * UI strings are typed by the English resources. The checks that matter run in `npm run typecheck`: each
 * `@ts-expect-error` below fails the type check the day an unknown key compiles again.
 */
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ExampleId } from '../components/ExamplePicker';
import type { WorkbenchKey } from './keys';

export function typedKeys(): string[] {
  const t = i18n.getFixedT('en', 'workbench');
  // @ts-expect-error a key the English resources do not have
  const typo = t('run.needInptu');
  // @ts-expect-error an example id without its name in the strings
  const example: ExampleId = 'noSuchExample';
  // @ts-expect-error a key of another namespace
  const elsewhere: WorkbenchKey = 'appName';
  return [String(typo), example, elsewhere, t('run.needInput')];
}

describe('typed UI strings', () => {
  it('name real keys: example ids and workbench keys come from the English resources', () => {
    const ok: ExampleId = 'nerBc5cdr';
    const key: WorkbenchKey = `examples.${ok}`;
    expect(key).toBe('examples.nerBc5cdr');
  });
});

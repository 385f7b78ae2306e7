/** Key types of the UI strings, for code that passes a key along before a component translates it. */
import type { ParseKeys } from 'i18next';

export type WorkbenchKey = ParseKeys<'workbench'>;

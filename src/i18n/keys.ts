/** Key types of the UI strings, for code that passes a key along before a component translates it. */
import type { ParseKeys } from 'i18next';

export type WorkbenchKey = ParseKeys<'workbench'>;

/** Ids of the name presets whose labels are UI strings (`workbench:presets.<id>`). */
export type PresetId = WorkbenchKey extends infer K ? (K extends `presets.${infer Id}` ? Id : never) : never;

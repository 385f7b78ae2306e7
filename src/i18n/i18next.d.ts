/**
 * The English resources are the type of every UI string: `t('no.such.key')` does not compile, and a key built
 * from an id (`tasks.${id}`) compiles only when every member of the id's union has its string.
 */
import type common from './locales/en/common.json';
import type errors from './locales/en/errors.json';
import type jobs from './locales/en/jobs.json';
import type storage from './locales/en/storage.json';
import type workbench from './locales/en/workbench.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof common; errors: typeof errors; jobs: typeof jobs; storage: typeof storage; workbench: typeof workbench };
  }
}

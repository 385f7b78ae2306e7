/** The Chinese strings, one chunk for every namespace (see resources.ts). */
import { byNamespace } from './namespaces';

const zh = import.meta.glob<Record<string, unknown>>('./locales/zh/*.json', { eager: true, import: 'default' });

export const chinese = byNamespace(zh);

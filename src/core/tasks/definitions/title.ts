import { promptLang, type LangMode } from '../../lang.ts';
import { buildTitlePrompt, parseTitle } from '../title.ts';
import type { TaskDefinition } from './types.ts';

export interface TitleForm {
  input: string;
  langMode: LangMode;
}

export interface TitleView {
  title: string;
  unparsed: string[];
}

export const TITLE: TaskDefinition<TitleForm, TitleView> = {
  id: 'title',
  form: { input: '', langMode: 'auto' },
  blocker: (f) => (f.input.trim() ? null : 'run.needInput'),
  plan: (f) => ({
    kind: 'single',
    initial: { title: '', unparsed: [] },
    prompt: buildTitlePrompt(f.input.trim(), {}, promptLang(f.langMode, f.input)),
    addAnswer: (_, answer) => parseTitle(answer),
  }),
};

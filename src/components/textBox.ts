import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type * as longTextEditor from './longText/editor';
import type { LongTextBox, LongTextOptions } from './longText/editor';

/**
 * Above this length the text reaches the store a moment after typing pauses (and at once on blur or Ctrl+Enter),
 * not on every keystroke: each write re-renders the tab around a long document.
 */
export const LONG_TEXT_CHARS = 20_000;
/** How long typing in a long text pauses before the store hears of it. */
const LONG_TEXT_WRITE_MS = 250;
/**
 * Above this length the text is edited in the long-text editor (a `<textarea>` spends tens of milliseconds a key
 * laying out a text this long; the editor puts only the lines in view into the page).
 */
export const LONG_EDITOR_CHARS = 50_000;

type EditorModule = typeof longTextEditor;
/** The long-text editor's code, fetched when a text first needs it (again after a failure: it may be back online). */
let editorModule: EditorModule | undefined;
let editorLoading: Promise<EditorModule> | undefined;
export const loadLongTextEditor = () =>
  (editorLoading ??= import('./longText/editor').then(
    (module) => (editorModule = module),
    (err: unknown) => {
      editorLoading = undefined;
      throw err;
    },
  ));

/** What the editor is told besides the text: its label, test id, placeholder and the box's own callbacks. */
type EditorProps = Pick<LongTextOptions, 'label' | 'testId' | 'placeholder'> & {
  onSubmit?: () => void;
  onDropFiles: (files: FileList) => void;
};

/**
 * The box's own text, kept out of React's: typing never waits for the tab to render a long document again.
 * `value` changes from outside (an example, a file, undo) replace what is shown; the user's typing reaches
 * `onChange` at once for short texts and debounced for long ones. A text longer than `LONG_EDITOR_CHARS` moves
 * into the long-text editor (caret, selection and focus kept); a short one from outside moves back to the text
 * area. Where the editor's code cannot be fetched (offline before it was ever used) the text area stays.
 */
export function useTextBox(value: string, onChange: (value: string) => void, editorProps: EditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<LongTextBox | null>(null);
  // the last text the store and the box agreed on: a `value` other than it comes from outside
  const agreed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [length, setLength] = useState(value.length);
  // a long text comes back (another tab, a reload) straight into the editor once its code is here
  const [editorShown, setEditorShown] = useState(() => value.length > LONG_EDITOR_CHARS && editorModule !== undefined);
  // the first text only: React would write a changed default into the box's text on every render
  const [initial] = useState(value);
  // what the text area held when the editor took over: its text, selection and focus
  const handOver = useRef<{ text: string; anchor: number; head: number; focus: boolean } | null>(null);
  const latest = useRef({ onChange, editorProps });
  const flush = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const text = editor.current ? editor.current.text : area.current?.value;
    if (text === undefined) return;
    if (text.length > LONG_EDITOR_CHARS) showEditor();
    if (text === agreed.current) return;
    agreed.current = text;
    setLength(text.length);
    latest.current.onChange(text);
  };
  const showEditor = () => {
    if (editor.current) return;
    loadLongTextEditor().then(
      () => {
        const box = area.current;
        if (!box || editor.current || box.value.length <= LONG_EDITOR_CHARS) return;
        const backwards = box.selectionDirection === 'backward';
        handOver.current = {
          text: box.value,
          anchor: backwards ? box.selectionEnd : box.selectionStart,
          head: backwards ? box.selectionStart : box.selectionEnd,
          focus: document.activeElement === box,
        };
        // at once: a key typed before the editor is in place would be lost with the text area
        flushSync(() => setEditorShown(true));
      },
      () => undefined, // the text area keeps the text
    );
  };
  /** A text from outside (an example, a file, undo): what was being typed gives way. */
  const replaceText = (text: string) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    agreed.current = text;
    setLength(text.length);
    const box = area.current;
    if (editor.current) {
      if (text.length > LONG_EDITOR_CHARS) editor.current.replace(text);
      else setEditorShown(false);
    } else if (text.length > LONG_EDITOR_CHARS && editorModule) {
      // straight into the editor: the text area never lays the long text out
      handOver.current = { text, anchor: 0, head: 0, focus: document.activeElement === box };
      setEditorShown(true);
    } else if (box) {
      box.value = text;
      if (text.length > LONG_EDITOR_CHARS) showEditor();
    }
  };
  const onInput = () => {
    clearTimeout(timer.current);
    // a long text is read (a copy of it) once typing pauses, not at every key; its count follows then
    if (agreed.current.length <= LONG_TEXT_CHARS && (area.current?.value.length ?? Infinity) <= LONG_TEXT_CHARS) flush();
    else timer.current = setTimeout(flush, LONG_TEXT_WRITE_MS);
  };
  // the effects below call this render's callbacks (all the box's state is in refs)
  const act = useRef({ flush, onInput, replaceText, showEditor });
  useLayoutEffect(() => {
    latest.current = { onChange, editorProps };
    act.current = { flush, onInput, replaceText, showEditor };
  });
  useLayoutEffect(() => {
    if (value !== agreed.current) act.current.replaceText(value);
  }, [value]);
  useLayoutEffect(() => {
    if (!editorShown) {
      // the text area is back (or first shown): it shows the agreed text, not its first one
      if (area.current && area.current.value !== agreed.current) area.current.value = agreed.current;
      return;
    }
    const { text, anchor, head, focus } = handOver.current ?? { text: agreed.current, anchor: 0, head: 0, focus: false };
    handOver.current = null;
    const props = () => latest.current.editorProps;
    const { flush, onInput } = act.current;
    const box = editorModule!.createLongTextEditor(host.current!, {
      text,
      selection: { anchor, head },
      focus,
      ...props(),
      onInput,
      onBlur: flush,
      onSubmit: () => {
        flush();
        props().onSubmit?.();
      },
      onDropFiles: (files) => props().onDropFiles(files),
    });
    editor.current = box;
    return () => {
      // typing not yet written is written before the editor goes
      if (timer.current !== undefined) flush();
      editor.current = null;
      box.destroy();
    };
  }, [editorShown]);
  useEffect(() => {
    const { flush, showEditor } = act.current;
    if (agreed.current.length > LONG_EDITOR_CHARS) showEditor();
    // a pending write is not lost when the tab closes
    return flush;
  }, []);
  return { area, host, editor, initial, length, editorShown, onInput, flush };
}

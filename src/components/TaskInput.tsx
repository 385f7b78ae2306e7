import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type DragEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { NotTextError, readTextFile, type TextEncodingName } from '../core/decode';
import { MAX_DOCUMENT_CHARS } from '../core/formats/types';
import type * as longTextEditor from './longText/editor';
import type { LongTextBox, LongTextOptions } from './longText/editor';
import './workbench.css';

/** How an encoding is named in a notice (the names are the same in every language). */
export const ENCODING_NAMES: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GB18030',
};

interface TaskInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** An opened or dropped file's text (which may replace what was typed); `onChange` without it. */
  onReplace?: (value: string) => void;
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
  placeholder?: string;
  rows?: number;
  /** `task-input` for the tab's main text (the test contract); other fields get their own. */
  testId?: string;
  /** Tools shown under the box (example picker, …). */
  children?: ReactNode;
  /** Offer opening or dropping a `.txt` file. */
  acceptFiles?: boolean;
}

const isText = (f: File) => f.type.startsWith('text/') || /\.(txt|text|md)$/i.test(f.name) || f.type === '';
/** UTF-8 takes at most 4 bytes a character: a larger file cannot fit the limit, so it is not read at all. */
const MAX_TEXT_FILE_BYTES = MAX_DOCUMENT_CHARS * 4;
/**
 * Above this length the text reaches the store a moment after typing pauses (and at once on blur or Ctrl+Enter),
 * not on every keystroke: each write re-renders the tab around a long document.
 */
export const LONG_TEXT_CHARS = 20_000;
/** How long typing in a long text pauses before the store hears of it. */
export const LONG_TEXT_WRITE_MS = 250;
/**
 * Above this length the text is edited in the long-text editor (a `<textarea>` spends tens of milliseconds a key
 * laying out a text this long; the editor puts only the lines in view into the page).
 */
export const LONG_EDITOR_CHARS = 50_000;

type EditorModule = typeof longTextEditor;
/** The long-text editor's code, fetched when a text first needs it (again after a failure: it may be back online). */
let editorModule: EditorModule | undefined;
let editorLoading: Promise<EditorModule> | undefined;
const loadLongTextEditor = () =>
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
function useUncontrolledText(value: string, onChange: (value: string) => void, editorProps: EditorProps) {
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

/**
 * A text area that also takes a dropped or opened `.txt` file (read on this device, strictly as UTF-8, else as
 * GB18030 with a notice; binary files and texts over the document limit are refused and the typed text kept).
 */
export function TaskInput({
  label,
  value,
  onChange,
  onReplace = onChange,
  onSubmit,
  placeholder,
  rows = 6,
  testId = 'task-input',
  children,
  acceptFiles = true,
}: TaskInputProps) {
  const { t, i18n } = useTranslation('workbench');
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { area, host, editor, initial, length, editorShown, onInput, flush } = useUncontrolledText(value, onChange, {
    label,
    testId,
    placeholder,
    onSubmit,
    onDropFiles: (files) => {
      setDragging(false);
      if (acceptFiles) void readFile(files[0]);
    },
  });

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setNotice(null);
    const tooLarge = () => t('input.tooLarge', { name: file.name, limit: MAX_DOCUMENT_CHARS.toLocaleString(i18n.language) });
    if (!isText(file)) return setProblem(t('input.notText', { name: file.name }));
    if (file.size > MAX_TEXT_FILE_BYTES) return setProblem(tooLarge());
    // a long text goes straight into the long-text editor (never laid out in the text area): its code comes while
    // the file is read; without it the text area takes the text
    const editorReady = file.size > LONG_EDITOR_CHARS && loadLongTextEditor().catch(() => undefined);
    try {
      const [{ text, encoding }] = await Promise.all([readTextFile(file), editorReady]);
      if (text.length > MAX_DOCUMENT_CHARS) return setProblem(tooLarge());
      setProblem(null);
      if (encoding !== 'utf-8') setNotice(t('input.encoding', { encoding: ENCODING_NAMES[encoding] }));
      onReplace(text);
    } catch (err) {
      setProblem(t(err instanceof NotTextError ? 'input.notText' : 'input.unreadable', { name: file.name }));
    }
  };
  const onDragOver = (e: DragEvent) => {
    if (!acceptFiles || !e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    if (!acceptFiles || !e.dataTransfer.files.length) return;
    e.preventDefault();
    setDragging(false);
    void readFile(e.dataTransfer.files[0]);
  };

  return (
    <div className={`task-input-area${dragging ? ' dragging' : ''}`}>
      <label htmlFor={id} className="field-label" onClick={() => editor.current?.focus()}>
        {label}
      </label>
      {editorShown ? (
        <div
          ref={host}
          className="long-text"
          // the editor's lines are only those in view: its height is the text area's, set by rows
          style={{ '--rows': rows } as CSSProperties}
          onDragOver={onDragOver}
          onDragLeave={() => setDragging(false)}
        />
      ) : (
        <textarea
          ref={area}
          // the browser lays a long text out again at every key; unwrapped lines cost it half as much
          wrap={length > LONG_TEXT_CHARS ? 'off' : undefined}
          id={id}
          data-testid={testId}
          rows={rows}
          defaultValue={initial}
          placeholder={placeholder}
          spellCheck={false}
          onChange={onInput}
          onBlur={flush}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
              e.preventDefault();
              flush();
              onSubmit();
            }
          }}
          onDragOver={onDragOver}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        />
      )}
      <div className="input-tools">
        {children}
        {acceptFiles && (
          <>
            <button type="button" onClick={() => fileRef.current?.click()}>
              {t('input.openFile')}
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".txt,.text,.md,text/plain"
              hidden
              onChange={(e) => {
                void readFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </>
        )}
        <span className="hint">{t('input.count', { count: length })}</span>
        {acceptFiles && <span className="hint">{t('input.dropHint')}</span>}
        {length > LONG_TEXT_CHARS && !editorShown && <span className="hint">{t('input.unwrapped')}</span>}
      </div>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      {notice && (
        <p className="hint" role="status" data-testid="input-encoding">
          {notice}
        </p>
      )}
    </div>
  );
}

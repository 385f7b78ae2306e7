import { useEffect, useId, useLayoutEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NotTextError, readTextFile, type TextEncodingName } from '../core/decode';
import { MAX_DOCUMENT_CHARS } from '../core/formats/types';
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
 * The text area's own value, kept out of React's: typing never waits for the tab to render a long document again.
 * `value` changes from outside (an example, a file, undo) replace what is shown; the user's typing reaches
 * `onChange` at once for short texts and debounced for long ones. Returns the handlers and the shown length.
 */
function useUncontrolledText(value: string, onChange: (value: string) => void) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // the last text the store and the box agreed on: a `value` other than it comes from outside
  const agreed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [length, setLength] = useState(value.length);
  // the first text only: React would write a changed default into the box's text on every render
  const [initial] = useState(value);
  const latest = useRef(onChange);
  useLayoutEffect(() => {
    latest.current = onChange;
  });
  const flush = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const text = ref.current?.value;
    if (text === undefined || text === agreed.current) return;
    agreed.current = text;
    setLength(text.length);
    latest.current(text);
  };
  useLayoutEffect(() => {
    if (value === agreed.current || !ref.current) return;
    // replaced from outside: what was being typed gives way
    clearTimeout(timer.current);
    timer.current = undefined;
    agreed.current = value;
    ref.current.value = value;
    setLength(value.length);
  }, [value]);
  // a pending write is not lost when the tab closes
  useEffect(() => flush, []);
  const onInput = () => {
    clearTimeout(timer.current);
    // a long text is read (a copy of it) once typing pauses, not at every key; its count follows then
    if (agreed.current.length <= LONG_TEXT_CHARS && ref.current!.value.length <= LONG_TEXT_CHARS) flush();
    else timer.current = setTimeout(flush, LONG_TEXT_WRITE_MS);
  };
  return { ref, initial, length, onInput, flush };
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
  const { ref: boxRef, initial, length, onInput, flush } = useUncontrolledText(value, onChange);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setNotice(null);
    const tooLarge = () => t('input.tooLarge', { name: file.name, limit: MAX_DOCUMENT_CHARS.toLocaleString(i18n.language) });
    if (!isText(file)) return setProblem(t('input.notText', { name: file.name }));
    if (file.size > MAX_TEXT_FILE_BYTES) return setProblem(tooLarge());
    try {
      const { text, encoding } = await readTextFile(file);
      if (text.length > MAX_DOCUMENT_CHARS) return setProblem(tooLarge());
      setProblem(null);
      if (encoding !== 'utf-8') setNotice(t('input.encoding', { encoding: ENCODING_NAMES[encoding] }));
      onReplace(text);
    } catch (err) {
      setProblem(t(err instanceof NotTextError ? 'input.notText' : 'input.unreadable', { name: file.name }));
    }
  };
  const onDrop = (e: DragEvent) => {
    if (!acceptFiles || !e.dataTransfer.files.length) return;
    e.preventDefault();
    setDragging(false);
    void readFile(e.dataTransfer.files[0]);
  };

  return (
    <div className={`task-input-area${dragging ? ' dragging' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        ref={boxRef}
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
        onDragOver={(e) => {
          if (!acceptFiles || !e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      />
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
        {length > LONG_TEXT_CHARS && <span className="hint">{t('input.unwrapped')}</span>}
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

import { useId, useRef, useState, type CSSProperties, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NotTextError, readTextFile, type TextEncodingName } from '../core/decode';
import { MAX_DOCUMENT_CHARS } from '../core/formats/types';
import { LONG_EDITOR_CHARS, LONG_TEXT_CHARS, loadLongTextEditor, useTextBox } from './textBox';
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
  const { area, host, editor, initial, length, editorShown, onInput, flush } = useTextBox(value, onChange, {
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

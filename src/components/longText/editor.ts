import { history, historyKeymap, insertNewline, standardKeymap } from '@codemirror/commands';
import { Annotation, EditorSelection, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';

/**
 * The box for a long document. A `<textarea>` lays its whole text out again at every key (≈60 ms a key for 1 MB
 * in Chromium); this editor keeps the text in a tree of lines and puts only the lines in view into the page, so a
 * key costs the same for a page of text and for a book. Plain text only: no syntax, no indentation, Tab leaves
 * the box as it does a `<textarea>`. It lives in its own shadow root: there the editor's styles go into a
 * constructed style sheet, which the page's Content Security Policy (`style-src 'self'`) allows; in the document
 * they would go into a `<style>` element, which it refuses.
 */
export interface LongTextBox {
  readonly text: string;
  /** Shows another text (replaced from outside), as a step of its own in the box's undo history. */
  replace(text: string): void;
  focus(): void;
  destroy(): void;
}

export interface LongTextOptions {
  text: string;
  /** The caret or selection to start with (offsets into `text`), and whether the box takes the focus. */
  selection?: { anchor: number; head: number };
  focus?: boolean;
  /** The box's accessible name (a `<label>` outside the shadow root cannot name it). */
  label: string;
  testId: string;
  placeholder?: string;
  /** The text changed (read it with `text` when needed: reading a long text copies it). */
  onInput: () => void;
  onBlur: () => void;
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
  /** A drop carrying files: the caller reads them (the editor would paste their text in). */
  onDropFiles: (files: FileList) => void;
}

/** Marks the change `replace` makes: it is not the user's typing. */
const fromOutside = Annotation.define<boolean>();

/** The text area's look; the frame, focus ring and height are the host's (workbench.css). */
const textAreaLook = EditorView.theme({
  '&': { height: '100%' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: '1.5' },
  '.cm-content': { padding: '4px 0' },
  '.cm-line': { padding: '0 8px' },
});

export function createLongTextEditor(host: HTMLElement, options: LongTextOptions): LongTextBox {
  const clamp = (n: number) => Math.min(Math.max(n, 0), options.text.length);
  const root = host.attachShadow({ mode: 'open' });
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: options.text,
      selection: options.selection && EditorSelection.single(clamp(options.selection.anchor), clamp(options.selection.head)),
      extensions: [
        history(),
        Prec.highest(
          keymap.of([
            { key: 'Mod-Enter', run: () => (options.onSubmit ? (options.onSubmit(), true) : false) },
            // a new line and nothing more, as in a text area (the standard binding copies the line's indentation)
            { key: 'Enter', run: insertNewline, shift: insertNewline },
          ]),
        ),
        keymap.of([...standardKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        textAreaLook,
        EditorView.contentAttributes.of({ 'data-testid': options.testId, 'aria-label': options.label, spellcheck: 'false' }),
        options.placeholder ? placeholderText(options.placeholder) : [],
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromOutside))) options.onInput();
        }),
        EditorView.domEventHandlers({
          blur: () => options.onBlur(),
          drop: (event) => {
            const files = event.dataTransfer?.files;
            if (!files?.length) return false;
            event.preventDefault();
            options.onDropFiles(files);
            return true;
          },
        }),
      ],
    }),
  });
  if (options.focus) view.focus();
  return {
    get text() {
      return view.state.doc.toString();
    },
    replace(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: { anchor: 0 },
        annotations: fromOutside.of(true),
      });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

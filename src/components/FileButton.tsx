import { useRef, type InputHTMLAttributes } from 'react';

interface FileButtonProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange' | 'hidden'> {
  /** The button's text, in the user's language (a bare file input speaks the browser's language instead). */
  label: string;
  onFiles: (files: File[]) => void;
  /** Pick a whole folder (`webkitdirectory`). */
  directory?: boolean;
}

/** A translated button opening the browser's file picker; the input itself stays hidden but carries the test hook. */
export function FileButton({ label, onFiles, directory, className, ...input }: FileButtonProps) {
  const ref = useRef<HTMLInputElement | null>(null);
  return (
    <>
      <button type="button" className={className} disabled={input.disabled} onClick={() => ref.current?.click()}>
        {label}
      </button>
      <input
        {...input}
        ref={(el) => {
          ref.current = el;
          if (el && directory) el.webkitdirectory = true;
        }}
        type="file"
        hidden
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = ''; // picking the same file again must fire again
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}

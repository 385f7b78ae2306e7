import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface FieldProps {
  label: ReactNode;
  /** The control's id, when something else names it; one is made otherwise. */
  id?: string;
  'data-testid'?: string;
}

/** A labelled text input: the label points at its input. Other attributes go to the input. */
export function TextField({ label, id, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const made = useId();
  const fieldId = id ?? made;
  return (
    <>
      <label htmlFor={fieldId}>{label}</label>
      <input id={fieldId} {...input} />
    </>
  );
}

/** A labelled choice among `options` (value and shown text). Other attributes go to the select. */
export function SelectField<V extends string>({
  label,
  id,
  options,
  value,
  onChange,
  ...select
}: FieldProps & {
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'>) {
  const made = useId();
  const fieldId = id ?? made;
  return (
    <>
      <label htmlFor={fieldId}>{label}</label>
      <select id={fieldId} value={value} onChange={(e) => onChange(e.target.value as V)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

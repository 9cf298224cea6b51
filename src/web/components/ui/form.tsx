import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

/** A labelled text / number / date input; the label is always visible and tied to the control. */
export function TextField({
  label,
  hint,
  error,
  ...props
}: { label: string; hint?: ReactNode; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error !== undefined}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        {...props}
      />
      {hint !== undefined && (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      )}
      {error !== undefined && <small className="field-error">{error}</small>}
    </div>
  );
}

/** A labelled multi-line input. */
export function TextAreaField({
  label,
  hint,
  ...props
}: { label: string; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        {...props}
      />
      {hint !== undefined && (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A labelled select from value/label pairs. */
export function SelectField({
  label,
  options,
  ...props
}: { label: string; options: { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...props}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled checkbox. */
export function CheckboxField({
  label,
  ...props
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" {...props} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The outcome of a submitted form, announced to screen readers. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error !== null && error !== undefined && error !== '')
    return (
      <p className="form-message form-error" role="alert">
        {error}
      </p>
    );
  if (success !== null && success !== undefined && success !== '')
    return (
      <p className="form-message form-success" role="status">
        {success}
      </p>
    );
  return null;
}

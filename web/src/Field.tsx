/**
 * A labelled form control with its hint and, when the API named it, its
 * error beside it (aria-describedby, aria-invalid), so a screen reader hears
 * what is wrong where it is.
 */
import { cloneElement, type ReactElement } from 'react';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** The API error's message when it names this field. */
  error?: string | null;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The message of an action's error, for the field it names. */
export function errorFor(error: { message: string; param?: string | null } | null, field: string): string | null {
  if (!error || !('param' in error) || !error.param) return null;
  return error.param === field || error.param.startsWith(`${field}.`) ? error.message : null;
}

/**
 * An action's error at the top of its form. One that names a field on the
 * form is shown beside that field, so here it is only read out; any other
 * (a 403, a 404, a field the form has no control for) is shown here too.
 */
import { ApiError } from './api';
import { errorFor } from './Field';

export function FormError({ error, fields, id }: { error: ApiError | Error | null; fields: readonly string[]; id?: string }) {
  if (!error) return null;
  const placed = error instanceof ApiError && fields.some((field) => errorFor(error, field) !== null);
  if (placed) {
    return (
      <p className="sr-only" role="alert">
        Not saved: {error.message}
      </p>
    );
  }
  return (
    <p className="error" role="alert" id={id}>
      {error.message}
    </p>
  );
}

/** The message for a field, when the error names it. */
export function fieldError(error: ApiError | Error | null, field: string): string | null {
  return error instanceof ApiError ? errorFor(error, field) : null;
}

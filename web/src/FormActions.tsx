/** A form's submit button, saying when it is busy, and its Cancel. */
interface Props {
  label: string;
  busy: boolean;
  busyLabel?: string;
  /** A submit that cannot be taken back (dismissing, rejecting) is shown as such. */
  danger?: boolean;
  onCancel: () => void;
}

export function FormActions({ label, busy, busyLabel = 'Saving…', danger = false, onCancel }: Props) {
  return (
    <div className="actions">
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

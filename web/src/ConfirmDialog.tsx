/**
 * "Are you sure?" before a write that cannot be taken back: the message, the
 * API's refusal shown in the dialog, a danger button that says it is busy,
 * and a way out. Closing it forgets the refusal, so it is not shown next time.
 */
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { FormError } from './FormError';
import type { Action } from './useAction';

interface Props {
  open: boolean;
  title: string;
  /** What happens if the user goes ahead. */
  children: ReactNode;
  /** The danger button's words, e.g. "Revoke key", and while it runs, e.g. "Revoking…". */
  confirmLabel: string;
  busyLabel: string;
  cancelLabel?: string;
  action: Pick<Action<never[], unknown>, 'busy' | 'error' | 'clear'>;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, busyLabel, cancelLabel = 'Cancel', action, onConfirm, onClose }: Props) {
  const close = () => {
    action.clear();
    onClose();
  };
  return (
    <Dialog open={open} title={title} onClose={close}>
      <div className="form">
        {children}
        <FormError error={action.error} fields={[]} />
        <div className="actions">
          <button type="button" className="danger" disabled={action.busy} onClick={onConfirm}>
            {action.busy ? busyLabel : confirmLabel}
          </button>
          <button type="button" className="quiet" onClick={close} autoFocus>
            {cancelLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** A removal behind a confirmation dialog, with the API's refusal shown in the dialog. */
import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { useAction } from './useAction';

interface Props {
  /** The button's words, e.g. "Remove registration". */
  label: string;
  /** Spoken after the label, naming the thing (e.g. "in Texas"). */
  labelDetail?: string;
  title: string;
  children: ReactNode;
  perform: () => Promise<unknown>;
  onRemoved: () => void;
}

export function ConfirmRemove({ label, labelDetail, title, children, perform, onRemoved }: Props) {
  const [open, setOpen] = useState(false);
  const remove = useAction(async () => perform());
  function ask() {
    remove.clear();
    setOpen(true);
  }
  async function confirm() {
    const done = await remove.run();
    if (done !== undefined) {
      setOpen(false);
      onRemoved();
    }
  }
  return (
    <>
      <button type="button" className="quiet" onClick={ask}>
        {label}
        {labelDetail && <span className="sr-only"> {labelDetail}</span>}
      </button>
      <Dialog open={open} title={title} onClose={() => setOpen(false)}>
        <div className="form">
          {children}
          {remove.error && (
            <p className="error" role="alert">
              {remove.error.message}
            </p>
          )}
          <div className="actions">
            <button type="button" className="danger" disabled={remove.busy} onClick={() => void confirm()}>
              {remove.busy ? 'Removing…' : 'Remove'}
            </button>
            <button type="button" className="quiet" onClick={() => setOpen(false)}>
              Keep it
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}

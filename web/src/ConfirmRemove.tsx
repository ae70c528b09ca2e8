/** A removal: its button, then a confirmation dialog that shows the API's refusal. */
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
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
  async function confirm() {
    const done = await remove.run();
    if (done !== undefined) {
      setOpen(false);
      onRemoved();
    }
  }
  return (
    <>
      <button type="button" className="quiet" onClick={() => setOpen(true)}>
        {label}
        {labelDetail && <span className="sr-only"> {labelDetail}</span>}
      </button>
      <ConfirmDialog open={open} title={title} confirmLabel="Remove" busyLabel="Removing…" cancelLabel="Keep it" action={remove} onConfirm={() => void confirm()} onClose={() => setOpen(false)}>
        {children}
      </ConfirmDialog>
    </>
  );
}

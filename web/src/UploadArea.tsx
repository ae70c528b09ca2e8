/**
 * Where a CSV file goes in: a drop zone around a real file input, so a
 * mouse user drags the file onto it and a keyboard or screen-reader user
 * tabs to the input and picks one. Either way the file is uploaded at once
 * and checked by the API, and the import it answers is handed on.
 */
import { useCallback, useState, type DragEvent } from 'react';
import { upload } from './api';
import { Field } from './Field';
import type { ImportKind, ImportView } from './imports-types';
import { useAction } from './useAction';

interface UploadAreaProps {
  kind: ImportKind;
  /** The input's label, which also names the zone. */
  label: string;
  onUploaded: (view: ImportView) => void;
}

export function UploadArea({ kind, label, onUploaded }: UploadAreaProps) {
  const [dragging, setDragging] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const send = useCallback(
    (key: string, file: File) => upload<ImportView>(`/v1/imports?${new URLSearchParams({ kind, fileName: file.name })}`, file, 'text/csv', { 'idempotency-key': key }),
    [kind],
  );
  const action = useAction(send);
  const inputId = `upload-${kind}`;

  async function take(file: File | undefined) {
    if (!file || action.busy) return;
    setSending(file.name);
    const view = await action.run(file);
    setSending(null);
    if (view) onUploaded(view);
  }

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  return (
    <div
      className={`dropzone${dragging ? ' dragging' : ''}`}
      data-kind={kind}
      aria-busy={action.busy}
      onDragEnter={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        // Leaving for a child of the zone is not leaving the zone.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <p className="dropzone-title" aria-hidden="true">
        Drag a CSV file here
      </p>
      <Field id={inputId} label={label} hint="Or choose one: it is checked as soon as it is chosen. Nothing is imported until you continue." error={action.error?.message ?? null}>
        <input
          type="file"
          accept=".csv,text/csv"
          disabled={action.busy}
          onChange={(event) => {
            const input = event.currentTarget;
            void take(input.files?.[0]).then(() => {
              // The same file chosen again (after fixing it) must fire change again.
              input.value = '';
            });
          }}
        />
      </Field>
      <p className="small muted dropzone-status" role="status">
        {sending ? `Uploading and checking ${sending}…` : ''}
      </p>
    </div>
  );
}

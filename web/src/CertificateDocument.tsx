/**
 * The signed certificate document: shown in place (an image as an image, a
 * PDF in the browser's viewer), downloadable, and uploaded or replaced. The
 * file is fetched once with the session cookie and shown from that copy, so
 * "no document yet" (404) can be told apart from a document.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { upload } from './api';
import type { CertificateFile } from './certificate-types';
import { useAction } from './useAction';

type Loaded = { state: 'loading' } | { state: 'none' } | { state: 'error'; message: string } | { state: 'ready'; url: string; type: string; size: number };

const ACCEPT = 'application/pdf,image/png,image/jpeg';
const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${Math.round(size / (1024 * 102.4)) / 10} MB`;
}

export function CertificateDocument({ certificateId }: { certificateId: string }) {
  const path = `/v1/certificates/${encodeURIComponent(certificateId)}/file`;
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [chosen, setChosen] = useState<File | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    let objectUrl: string | null = null;
    setLoaded({ state: 'loading' });
    fetch(path, { credentials: 'same-origin' }).then(
      async (response) => {
        if (!current) return;
        if (response.status === 404) return setLoaded({ state: 'none' });
        if (!response.ok) return setLoaded({ state: 'error', message: `the server answered ${response.status}` });
        const blob = await response.blob();
        if (!current) return;
        objectUrl = URL.createObjectURL(blob);
        setLoaded({ state: 'ready', url: objectUrl, type: blob.type, size: blob.size });
      },
      (failure: unknown) => current && setLoaded({ state: 'error', message: failure instanceof Error ? failure.message : String(failure) }),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path, version]);

  const send = useAction(async (_key: string, file: File) => upload<CertificateFile>(path, file, file.type || 'application/octet-stream', {}, 'PUT'));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    setNotice(null);
    const stored = await send.run(chosen);
    if (stored) {
      setNotice(`Stored ${formatBytes(stored.size)} (${EXTENSION[stored.mediaType]?.toUpperCase()}).`);
      setChosen(null);
      if (input.current) input.current.value = '';
      setVersion((v) => v + 1);
    }
  };

  const has = loaded.state === 'ready';
  return (
    <section className="certificate-document" aria-labelledby="document-title">
      <h2 id="document-title">Document</h2>
      {loaded.state === 'loading' && <p className="muted">Loading the document…</p>}
      {loaded.state === 'none' && <p className="muted">No document on file. Upload the signed certificate (PDF, PNG or JPEG, at most 10 MB).</p>}
      {loaded.state === 'error' && (
        <p className="error" role="alert">
          Could not load the document: {loaded.message}
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          <div className="document-preview">
            {loaded.type === 'application/pdf' ? (
              <object data={loaded.url} type="application/pdf" aria-label="Certificate document (PDF)">
                <p className="muted small">This browser cannot show the PDF here: download it below.</p>
              </object>
            ) : (
              <img src={loaded.url} alt={`Certificate document for ${certificateId}`} />
            )}
          </div>
          <p className="small">
            <a href={loaded.url} download={`${certificateId}.${EXTENSION[loaded.type] ?? 'bin'}`}>
              Download the document
            </a>{' '}
            <span className="muted">({formatBytes(loaded.size)})</span>
          </p>
        </>
      )}
      <form className="form-row upload-row" onSubmit={submit} aria-label={has ? 'Replace the document' : 'Upload the document'}>
        <div className="field">
          <label htmlFor="document-file">{has ? 'Replace with' : 'File'}</label>
          <input
            ref={input}
            id="document-file"
            type="file"
            accept={ACCEPT}
            onChange={(e) => setChosen(e.target.files?.[0] ?? null)}
            aria-invalid={send.invalid('body')}
            aria-describedby={send.error ? 'document-error' : undefined}
          />
        </div>
        <button type="submit" className="quiet" disabled={!chosen || send.busy}>
          {send.busy ? 'Uploading…' : has ? 'Replace document' : 'Upload document'}
        </button>
      </form>
      <div aria-live="polite">
        {send.error && (
          <p id="document-error" className="error" role="alert">
            {send.error.message}
          </p>
        )}
        {notice && <p className="notice">{notice}</p>}
      </div>
    </section>
  );
}

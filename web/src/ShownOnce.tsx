/**
 * A secret the API answers once (an API key, a set-password link, a webhook
 * signing secret): shown in a read-only box with a copy button and the
 * warning that it will not be shown again. It takes focus when it appears so
 * a screen reader reads it out at once.
 */
import { useEffect, useRef, useState } from 'react';

export function ShownOnce({ label, value, warning, onDone }: { label: string; value: string; warning: string; onDone: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => box.current?.focus(), []);
  const id = `once-${label.replace(/\W+/g, '-').toLowerCase()}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Without clipboard permission the text stays selectable by hand.
      setCopied('no');
    }
  }

  return (
    <div className="shown-once" role="group" aria-labelledby={`${id}-label`} tabIndex={-1} ref={box}>
      <p className="shown-once-warning" id={`${id}-warning`}>
        <strong>Copy it now:</strong> {warning}
      </p>
      <label id={`${id}-label`} htmlFor={id}>
        {label}
      </label>
      <div className="shown-once-value">
        <input id={id} type="text" readOnly value={value} aria-describedby={`${id}-warning`} onFocus={(e) => e.target.select()} spellCheck={false} />
        <button type="button" className="quiet" onClick={copy}>
          Copy
        </button>
        <button type="button" className="quiet" onClick={onDone}>
          Done
        </button>
      </div>
      <span className="small muted" role="status">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'no' ? 'The browser did not allow copying: select the text and copy it.' : ''}
      </span>
    </div>
  );
}

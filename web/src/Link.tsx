/** A link within the app: a real href (new tab, copy link), followed in place without a page load. */
import type { ReactNode } from 'react';

export function Link({ href, onFollow, children }: { href: string; onFollow: () => void; children: ReactNode }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        // Modified clicks (new tab, new window) keep the browser's behaviour.
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        onFollow();
      }}
    >
      {children}
    </a>
  );
}

export const transactionHref = (id: string) => `/transactions/${encodeURIComponent(id)}`;

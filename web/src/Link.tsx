/** A link within the app: a real href (new tab, copy link), followed in place without a page load. */
import type { AnchorHTMLAttributes } from 'react';
import { useNavigation } from './navigation';

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link({ href, children, ...rest }: LinkProps) {
  const { navigate } = useNavigation();
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        // Modified clicks (new tab, new window) keep the browser's behaviour.
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

export const transactionHref = (id: string) => `/transactions/${encodeURIComponent(id)}`;
export const returnHref = (jurisdictionId: string, period: string) => `/returns/${encodeURIComponent(jurisdictionId)}/${encodeURIComponent(period)}`;

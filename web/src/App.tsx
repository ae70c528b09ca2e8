/**
 * The dashboard's shell: the session (GET /v1/session on load), a small
 * history-based router, the header with sign-out, and the screens.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, whenSignedOut, type Session } from './api';
import { Jurisdictions } from './Jurisdictions';
import { ReturnDetail } from './ReturnDetail';
import { Returns } from './Returns';
import { TransactionDetail } from './TransactionDetail';
import { Transactions } from './Transactions';
import { SetPassword } from './SetPassword';
import { SignIn } from './SignIn';
import { Attention } from './Attention';
import { AttentionCount } from './AttentionCount';
import { CertificateDetail } from './CertificateDetail';
import { CustomerDetail } from './CustomerDetail';
import { Customers } from './Customers';
import { DataSources } from './DataSources';
import { ImportFlow } from './ImportFlow';
import { Link } from './Link';
import { NavigationContext, useLocationState } from './navigation';
import { Products } from './Products';
import { Settings } from './Settings';

/** The main navigation, in the order a finance team works through it. */
const SCREENS = [
  { key: 'jurisdictions', label: 'Jurisdictions', href: '/' },
  { key: 'transactions', label: 'Transactions', href: '/transactions' },
  { key: 'customers', label: 'Customers', href: '/customers' },
  { key: 'products', label: 'Products', href: '/products' },
  { key: 'data-sources', label: 'Data sources', href: '/data-sources' },
  { key: 'returns', label: 'Returns', href: '/returns' },
  { key: 'attention', label: 'Needs attention', href: '/attention' },
  { key: 'settings', label: 'Settings', href: '/settings' },
] as const;
type ScreenKey = (typeof SCREENS)[number]['key'];

function screenOf(pathname: string): ScreenKey {
  const first = pathname.split('/')[1] ?? '';
  if (first === 'certificates') return 'customers';
  const found = SCREENS.find((s) => s.key === first);
  return found ? found.key : 'jurisdictions';
}

type SessionState = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; session: Session };

export function App() {
  const location = useLocationState();
  const { url, navigate } = location;
  const [session, setSession] = useState<SessionState>({ state: 'checking' });

  const signedIn = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setSession({ state: 'signed-in', session: s });
  }, []);
  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setSession({ state: 'signed-out' });
  }, []);

  useEffect(() => {
    whenSignedOut(signedOut);
    if (url.pathname === '/set-password') return;
    api<Session>('GET', '/v1/session').then(signedIn, (failure: unknown) => {
      if (failure instanceof ApiError && failure.status === 401) signedOut();
      else setSession({ state: 'signed-out' });
    });
  }, []);

  if (url.pathname === '/set-password') {
    return <SetPassword token={url.searchParams.get('token')} onDone={() => navigate('/')} />;
  }
  if (session.state === 'checking') return <p className="muted center" role="status">Loading…</p>;
  if (session.state === 'signed-out') return <SignIn onSignedIn={signedIn} />;

  const { user } = session.session;
  const screen = screenOf(url.pathname);
  // The header shows the seller's name from the session: a rename in Settings shows there at once.
  const renamed = (sellerName: string) => setSession({ state: 'signed-in', session: { ...session.session, user: { ...user, sellerName } } });

  async function signOut() {
    try {
      await api('DELETE', '/v1/session');
    } finally {
      signedOut();
      navigate('/');
    }
  }

  return (
    <NavigationContext.Provider value={location}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="top-left">
          <span className="brand">Levy</span>
          <span className="seller">{user.sellerName ?? user.sellerId}</span>
        </div>
        <div className="top-right">
          <span className="small muted user">
            {user.email} · {user.role}
          </span>
          <button type="button" className="quiet" onClick={signOut}>
            Sign out
          </button>
        </div>
        <MainNav current={screen} />
      </header>
      <main id="main">{route(url, user.role, navigate, renamed)}</main>
    </NavigationContext.Provider>
  );
}

function MainNav({ current }: { current: ScreenKey }) {
  const ref = useRef<HTMLElement>(null);
  // On a phone the nav scrolls sideways: keep the current screen's link in view.
  useEffect(() => {
    const nav = ref.current;
    const link = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (nav && link) nav.scrollLeft = link.offsetLeft - (nav.clientWidth - link.offsetWidth) / 2;
  }, [current]);
  return (
    <nav aria-label="Main" ref={ref}>
      {SCREENS.map((s) => (
        <Link key={s.key} href={s.href} aria-current={current === s.key ? 'page' : undefined}>
          {s.label}
          {s.key === 'attention' && <AttentionCount screen={current} />}
        </Link>
      ))}
    </nav>
  );
}

/** The screen for a path; unknown paths fall back to the map. */
function route(
  url: URL,
  role: 'admin' | 'member',
  navigate: (path: string) => void,
  renamed: (sellerName: string) => void,
): ReactNode {
  const path = url.pathname;
  const one = (pattern: RegExp) => {
    const m = pattern.exec(path);
    return m ? m.slice(1).map((segment) => safeDecode(segment)) : null;
  };
  let m: string[] | null;
  if ((m = one(/^\/transactions\/(.+)$/))) return <TransactionDetail key={m[0]} id={m[0]!} />;
  if (path === '/transactions') return <Transactions />;
  if ((m = one(/^\/returns\/([^/]+)\/([^/]+)$/)))
    return <ReturnDetail key={path} jurisdictionId={m[0]!} period={m[1]!} />;
  if (path === '/returns') return <Returns />;
  if ((m = one(/^\/customers\/([^/]+)$/))) return <CustomerDetail key={m[0]} id={m[0]!} />;
  if (path === '/customers') return <Customers />;
  if ((m = one(/^\/certificates\/([^/]+)$/))) return <CertificateDetail key={m[0]} id={m[0]!} />;
  if (path === '/products') return <Products role={role} />;
  if ((m = one(/^\/data-sources\/imports\/([^/]+)$/))) return <ImportFlow key={m[0]} id={m[0]!} />;
  if (path === '/data-sources') return <DataSources role={role} />;
  if (path === '/attention') return <Attention />;
  if (path === '/settings') return <Settings role={role} onRenamed={renamed} />;
  const state = one(/^\/jurisdictions\/([A-Z0-9-]+)$/);
  return <Jurisdictions selected={state ? state[0]! : null} onSelect={(id) => navigate(id ? `/jurisdictions/${id}` : '/')} />;
}

/** A hand-typed address may hold a stray %: show what was typed rather than fail. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

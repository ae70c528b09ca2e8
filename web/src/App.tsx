/**
 * The dashboard's shell: the session (GET /v1/session on load), a small
 * history-based router, the header with sign-out, and the screens.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken, whenSignedOut, type Session } from './api';
import { Jurisdictions } from './Jurisdictions';
import { ReturnDetail } from './ReturnDetail';
import { Returns } from './Returns';
import { TransactionDetail } from './TransactionDetail';
import { Transactions } from './Transactions';
import { SetPassword } from './SetPassword';
import { SignIn } from './SignIn';
import { transactionHref } from './Link';

function useLocation(): [URL, (path: string) => void] {
  const [url, setUrl] = useState(() => new URL(window.location.href));
  useEffect(() => {
    const onPop = () => setUrl(new URL(window.location.href));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string) => {
    window.history.pushState(null, '', path);
    setUrl(new URL(window.location.href));
  }, []);
  return [url, navigate];
}

type SessionState = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; session: Session };

export function App() {
  const [url, navigate] = useLocation();
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
  const match = /^\/jurisdictions\/([A-Z0-9-]+)$/.exec(url.pathname);
  const selected = match ? match[1]! : null;
  const transaction = /^\/transactions\/(.+)$/.exec(url.pathname);
  const returnPath = /^\/returns\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  const screen = url.pathname.startsWith('/transactions') ? 'transactions' : url.pathname === '/returns' || url.pathname.startsWith('/returns/') ? 'returns' : 'jurisdictions';
  const openTransaction = (id: string) => navigate(transactionHref(id));
  const go = (path: string) => (event: { preventDefault: () => void }) => {
    event.preventDefault();
    navigate(path);
  };

  async function signOut() {
    try {
      await api('DELETE', '/v1/session');
    } finally {
      signedOut();
      navigate('/');
    }
  }

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="top-left">
          <span className="brand">Levy</span>
          <span className="seller">{user.sellerName ?? user.sellerId}</span>
          <nav aria-label="Main">
            <a href="/" aria-current={screen === 'jurisdictions' ? 'page' : undefined} onClick={go('/')}>
              Jurisdictions
            </a>
            <a href="/transactions" aria-current={screen === 'transactions' ? 'page' : undefined} onClick={go('/transactions')}>
              Transactions
            </a>
            <a href="/returns" aria-current={screen === 'returns' ? 'page' : undefined} onClick={go('/returns')}>
              Returns
            </a>
          </nav>
        </div>
        <div className="top-right">
          <span className="small muted user">
            {user.email} · {user.role}
          </span>
          <button type="button" className="quiet" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        {screen === 'jurisdictions' && <Jurisdictions selected={selected} onSelect={(id) => navigate(id ? `/jurisdictions/${id}` : '/')} />}
        {screen === 'transactions' && transaction && (
          <TransactionDetail key={transaction[1]} id={safeDecode(transaction[1]!)} onOpen={openTransaction} onBack={() => navigate('/transactions')} />
        )}
        {screen === 'transactions' && !transaction && <Transactions onOpen={openTransaction} />}
        {screen === 'returns' && returnPath && (
          <ReturnDetail
            key={url.pathname}
            jurisdictionId={safeDecode(returnPath[1]!)}
            period={safeDecode(returnPath[2]!)}
            onOpenTransaction={openTransaction}
            onBack={() => navigate('/returns')}
          />
        )}
        {screen === 'returns' && !returnPath && <Returns onOpen={(j, period) => navigate(`/returns/${encodeURIComponent(j)}/${encodeURIComponent(period)}`)} />}
      </main>
    </>
  );
}

/** A hand-typed address may hold a stray %: show what was typed rather than fail. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The app's history-based location, shared by context so any screen can
 * follow an in-app link without the shell passing callbacks down.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';

export interface Navigation {
  url: URL;
  navigate: (path: string, options?: { replace?: boolean }) => void;
}

export const NavigationContext = createContext<Navigation>({
  url: new URL('http://localhost/'),
  navigate: () => {},
});

export function useLocationState(): Navigation {
  const [url, setUrl] = useState(() => new URL(window.location.href));
  useEffect(() => {
    const onPop = () => setUrl(new URL(window.location.href));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string, options: { replace?: boolean } = {}) => {
    if (options.replace) window.history.replaceState(null, '', path);
    else window.history.pushState(null, '', path);
    setUrl(new URL(window.location.href));
  }, []);
  return { url, navigate };
}

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}

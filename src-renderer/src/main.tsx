/** Boot: choose the transport, ask for a token when a browser needs one, render the dashboard. */
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { connectHttp, connectIpc } from './api/connect.ts';
import { hashWithoutToken, tokenFromHash, TokenStore } from './api/token.ts';
import { App } from './App.tsx';
import { ApiContext } from './hooks/api-context.ts';
import { ConnectPage } from './pages/ConnectPage.tsx';
import './styles.css';

const tokens = new TokenStore(localStorage);
const linkedToken = tokenFromHash(location.hash);
if (linkedToken) {
  tokens.set(linkedToken);
  history.replaceState(null, '', `${location.pathname}${location.search}${hashWithoutToken(location.hash)}`);
}

function BrowserRoot() {
  const [token, setToken] = useState<string | null>(() => tokens.get());
  const [refused, setRefused] = useState(false);
  const api = useMemo(() => {
    if (!token) return null;
    const forget = () => {
      tokens.clear();
      setToken(null);
    };
    return connectHttp({
      baseUrl: new URL('./', location.href).href,
      token,
      onUnauthorized: () => {
        setRefused(true);
        forget();
      },
      signOut: forget,
    });
  }, [token]);
  if (!api) return <ConnectPage refused={refused} onToken={(t) => { tokens.set(t); setRefused(false); setToken(t); }} />;
  return <ApiContext.Provider value={api}><App key={token} /></ApiContext.Provider>;
}

function Root() {
  const bridge = window.perpvol;
  const api = useMemo(() => (bridge ? connectIpc(bridge) : null), [bridge]);
  if (api) return <ApiContext.Provider value={api}><App /></ApiContext.Provider>;
  return <BrowserRoot />;
}

createRoot(document.getElementById('root')!).render(<StrictMode><Root /></StrictMode>);

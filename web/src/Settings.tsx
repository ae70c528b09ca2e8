/**
 * The seller's settings, section by section: the business name customers
 * see, accounting (time zone, default
 * and unknown products, address validation), where alerts go, and for
 * admins the API keys and users. Members see the settings and alert
 * channels read-only and neither keys nor users, which the API keeps to
 * admins.
 */
import { useState } from 'react';
import { AccountingSettings } from './AccountingSettings';
import { AlertChannels } from './AlertChannels';
import { BusinessName } from './BusinessName';
import { ApiKeys } from './ApiKeys';
import type { AlertChannels as Channels, Product, Role, SellerSettings } from './settings-types';
import { useAllPages } from './useAllPages';
import { useApi } from './useApi';
import { Users } from './Users';
import './styles/settings.css';

export function Settings({ role, onRenamed }: { role: Role; onRenamed: (name: string) => void }) {
  const admin = role === 'admin';
  const settings = useApi<SellerSettings>('/v1/settings');
  const products = useAllPages<Product>('/v1/products');
  const channels = useApi<Channels>('/v1/alert-channels');
  // Saved answers replace what was loaded, so every section shows what the API holds.
  const [savedSettings, setSavedSettings] = useState<SellerSettings | null>(null);
  const [savedChannels, setSavedChannels] = useState<Channels | null>(null);
  const currentSettings = savedSettings ?? (settings.state === 'ready' ? settings.data : null);
  const currentChannels = savedChannels ?? (channels.state === 'ready' ? channels.data : null);

  return (
    <div className="settings">
      <div className="settings-head">
        <h1>Settings</h1>
        {!admin && (
          <p className="notice member-note" role="note">
            You are signed in as a member: settings are shown read-only. An admin can change them, and manage API keys and users.
          </p>
        )}
      </div>

      <section className="card" aria-labelledby="business-title">
        <div className="card-head">
          <h2 id="business-title">Business</h2>
        </div>
        <BusinessName canEdit={admin} onSaved={onRenamed} />
      </section>

      <section className="card" aria-labelledby="accounting-title">
        <div className="card-head">
          <h2 id="accounting-title">Accounting</h2>
        </div>
        {settings.state === 'loading' && (
          <p className="muted" role="status">
            Loading…
          </p>
        )}
        {settings.state === 'error' && (
          <p className="error" role="alert">
            Could not load the settings: {settings.error.message}
          </p>
        )}
        {products.loaded.state === 'error' && (
          <p className="error" role="alert">
            Could not load the products for the default product: {products.loaded.error.message}
          </p>
        )}
        {currentSettings && products.loaded.state === 'ready' && (
          <AccountingSettings settings={currentSettings} products={products.loaded.data} canEdit={admin} onSaved={setSavedSettings} />
        )}
      </section>

      <section className="card" aria-labelledby="alerts-title">
        <div className="card-head">
          <h2 id="alerts-title">Alerts</h2>
          <span className="muted small">Thresholds approaching or crossed, new physical presence</span>
        </div>
        {channels.state === 'error' && (
          <p className="error" role="alert">
            Could not load the alert channels: {channels.error.message}
          </p>
        )}
        {currentChannels && <AlertChannels channels={currentChannels} canEdit={admin} onSaved={setSavedChannels} />}
      </section>

      {admin && (
        <section className="card" aria-labelledby="keys-title">
          <div className="card-head">
            <h2 id="keys-title">API keys</h2>
          </div>
          <ApiKeys />
        </section>
      )}

      {admin && (
        <section className="card" aria-labelledby="users-title">
          <div className="card-head">
            <h2 id="users-title">Users</h2>
          </div>
          <Users />
        </section>
      )}
    </div>
  );
}

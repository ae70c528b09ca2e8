/**
 * The settings that decide how transactions are booked: the accounting time
 * zone (which day a sale falls on), the default product and what happens to
 * unknown products, and how strictly addresses are checked. Admins change
 * them; members see them with the controls disabled.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from './api';
import { errorFor, Field } from './Field';
import type { AddressValidation, Product, SellerSettings, UnknownProduct } from './settings-types';
import { useAction } from './useAction';

/** The browser's IANA zones, with the current one kept even if this browser does not list it. */
function timeZones(current: string): string[] {
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...listed, 'UTC', current])].sort();
}

interface Props {
  settings: SellerSettings;
  products: Product[];
  canEdit: boolean;
  onSaved: (settings: SellerSettings) => void;
}

export function AccountingSettings({ settings, products, canEdit, onSaved }: Props) {
  const [zone, setZone] = useState(settings.accountingTimeZone);
  const [defaultProductId, setDefaultProductId] = useState(settings.defaultProductId ?? '');
  const [unknownProduct, setUnknownProduct] = useState<UnknownProduct>(settings.unknownProduct);
  const [addressValidation, setAddressValidation] = useState<AddressValidation>(settings.addressValidation);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(settings.accountingTimeZone), [settings.accountingTimeZone]);
  const save = useAction((_key: string) =>
    api<SellerSettings>('PATCH', '/v1/settings', {
      accountingTimeZone: zone,
      defaultProductId: defaultProductId === '' ? null : defaultProductId,
      unknownProduct,
      addressValidation,
    }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const answer = await save.run();
    if (answer) {
      setSaved(true);
      onSaved(answer);
    }
  }

  const fields = ['accountingTimeZone', 'defaultProductId', 'unknownProduct', 'addressValidation'];
  const unplaced = save.error && !fields.some((f) => errorFor(save.error, f)) ? save.error.message : null;
  return (
    <form className="form" onSubmit={submit} aria-labelledby="accounting-title">
      <fieldset disabled={!canEdit} className="plain-fieldset">
        <div className="settings-grid">
          <Field id="settings-zone" label="Accounting time zone" hint="The day a sale is booked on, and so its filing period." error={errorFor(save.error, 'accountingTimeZone')}>
            <select value={zone} onChange={(e) => setZone(e.target.value)}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </Field>
          <Field id="settings-default-product" label="Default product" hint="Taxes a product id Levy does not know, when Unknown products says so." error={errorFor(save.error, 'defaultProductId')}>
            <select value={defaultProductId} onChange={(e) => setDefaultProductId(e.target.value)}>
              <option value="">None</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name ? `${p.name} (${p.id})` : p.id}
                </option>
              ))}
            </select>
          </Field>
          <Field id="settings-unknown-product" label="Unknown products" hint="When a transaction names a product id Levy does not know." error={errorFor(save.error, 'unknownProduct')}>
            <select value={unknownProduct} onChange={(e) => setUnknownProduct(e.target.value as UnknownProduct)}>
              <option value="error">Refuse the transaction</option>
              <option value="default">Use the default product</option>
            </select>
          </Field>
          <Field id="settings-address" label="Address validation" hint={addressValidation === 'strict' ? 'An address that does not resolve is refused.' : 'An address that does not resolve is accepted with a warning, taxed at a coarser level.'} error={errorFor(save.error, 'addressValidation')}>
            <select value={addressValidation} onChange={(e) => setAddressValidation(e.target.value as AddressValidation)}>
              <option value="strict">Strict</option>
              <option value="lenient">Lenient</option>
            </select>
          </Field>
        </div>
      </fieldset>
      {canEdit && (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save settings'}
          </button>
          <span role="status" className="small">
            {saved && !save.busy ? 'Settings saved.' : ''}
          </span>
        </div>
      )}
      {unplaced && (
        <p className="error" role="alert">
          {unplaced}
        </p>
      )}
    </form>
  );
}

/**
 * A customer's record as PUT /v1/customers/:id takes it. PUT replaces the
 * whole record, so what the form does not edit (tax ids) is sent back as it
 * was read.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import type { Customer } from './certificate-types';
import { errorFor, Field } from './Field';
import { useAction } from './useAction';

const ADDRESS_FIELDS = [
  ['line1', 'Address line 1'],
  ['line2', 'Address line 2'],
  ['city', 'City'],
  ['region', 'State or region'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
] as const;
type AddressKey = (typeof ADDRESS_FIELDS)[number][0];

export function CustomerForm({ customer, onSaved }: { customer: Customer; onSaved: (saved: Customer) => void }) {
  const [name, setName] = useState(customer.name ?? '');
  const [email, setEmail] = useState(customer.email ?? '');
  const [type, setType] = useState(customer.type);
  const [exempt, setExempt] = useState(customer.exempt);
  const [address, setAddress] = useState<Record<AddressKey, string>>(() => {
    const a = customer.address ?? {};
    return { line1: a.line1 ?? '', line2: a.line2 ?? '', city: a.city ?? '', region: a.region ?? '', postalCode: a.postalCode ?? '', country: a.country ?? '' };
  });
  const [saved, setSaved] = useState(false);

  const save = useAction(async () => {
    const given = Object.fromEntries(Object.entries(address).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    const body = {
      name: name.trim() || null,
      email: email.trim() || null,
      type,
      exempt,
      address: Object.keys(given).length ? given : null,
      taxIds: customer.taxIds,
    };
    return api<Customer>('PUT', `/v1/customers/${encodeURIComponent(customer.id)}`, body);
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await save.run();
    if (result) {
      setSaved(true);
      onSaved(result);
    }
  };
  const fieldError = (field: string) => (save.error instanceof ApiError ? errorFor(save.error, field) : null);
  const shownByField = ['name', 'email', 'type', ...ADDRESS_FIELDS.map(([key]) => `address.${key}`)].some((f) => fieldError(f));

  return (
    <form className="form customer-form" onSubmit={submit} aria-labelledby="customer-record-title">
      <h2 id="customer-record-title">Record</h2>
      <div className="form-row">
        <Field id="customer-name" label="Name" error={fieldError('name')}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
        <Field id="customer-email" label="Email" hint="Where certificate requests go by default" error={fieldError('email')}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} />
        </Field>
        <Field id="customer-type" label="Type" error={fieldError('type')}>
          <select value={type} onChange={(e) => setType(e.target.value as Customer['type'])}>
            <option value="business">Business</option>
            <option value="individual">Individual</option>
          </select>
        </Field>
      </div>
      <fieldset className="address">
        <legend>Address on record</legend>
        <div className="form-row">
          {ADDRESS_FIELDS.map(([key, label]) => (
            <Field key={key} id={`customer-address-${key}`} label={label} error={fieldError(`address.${key}`)} hint={key === 'country' ? 'Two letters, such as US' : undefined}>
              <input type="text" value={address[key]} onChange={(e) => setAddress({ ...address, [key]: e.target.value })} />
            </Field>
          ))}
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={exempt} onChange={(e) => setExempt(e.target.checked)} /> Exempt from all tax, without a certificate
      </label>
      {customer.taxIds.length > 0 && (
        <p className="muted small">
          Tax ids: {customer.taxIds.map((t) => `${t.value} (${t.type})`).join(', ')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save customer'}
        </button>
        <span aria-live="polite" className="small">
          {saved && !save.busy && 'Saved.'}
        </span>
      </div>
      {save.error && !shownByField && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

/**
 * TaxJar customers as Levy customers. An exemption_type of wholesale,
 * government or other becomes a certificate (reason resale, government,
 * other) over the exempt_regions (US-CA ...); with no exempt_regions the
 * customer is exempt everywhere (Levy's `exempt`), and the certificate,
 * over the United States, only keeps the type. non_exempt archives them.
 * The certificates are marked by their notes, so Levy's own certificates of
 * the customer are never touched.
 */
import type { CompiledContent } from '../../content/compile.js';
import type { Reason } from '../../certificates/status.js';
import { TaxjarError } from './errors.js';
import type { CustomerBody } from './schemas.js';

const REASON_OF: Record<string, Reason> = { wholesale: 'resale', government: 'government', other: 'other' };
const TYPE_OF: Record<string, string> = { resale: 'wholesale', government: 'government', other: 'other' };

/** Far enough back that the certificate covers any sale on record. */
export const CERTIFICATE_EFFECTIVE = '1900-01-01';

export function reasonOf(exemptionType: string): Reason | undefined {
  return REASON_OF[exemptionType];
}

/** The jurisdictions the exemption covers: the regions given, or the United States when none are. */
export function regionsOf(body: CustomerBody, content: CompiledContent): string[] {
  const regions = body.exempt_regions ?? [];
  if (regions.length === 0) return ['US'];
  return regions.map((r, i) => {
    const id = r.state ? `${r.country.toUpperCase()}-${r.state.toUpperCase()}` : r.country.toUpperCase();
    if (!content.jurisdictions.has(id)) throw new TaxjarError(400, `exempt_regions[${i}]: ${id} is not a region Levy knows`);
    return id;
  });
}

export function addressOf(body: CustomerBody): Record<string, string> | null {
  if (!body.country) return null;
  return {
    country: body.country.toUpperCase(),
    ...(body.state ? { region: body.state.toUpperCase() } : {}),
    ...(body.zip ? { postalCode: body.zip } : {}),
    ...(body.city ? { city: body.city } : {}),
    ...(body.street ? { line1: body.street } : {}),
  };
}

interface CustomerView {
  id: string;
  name: string | null;
  address: Record<string, string> | null;
  exempt: boolean;
}

export function customerObject(customer: CustomerView, certificates: ReadonlyArray<{ reason: string; jurisdictions: string[] }>): Record<string, unknown> {
  const certificate = certificates[0];
  const exemptionType = certificate ? (TYPE_OF[certificate.reason] ?? 'other') : customer.exempt ? 'other' : 'non_exempt';
  const regions = customer.exempt || !certificate ? [] : certificate.jurisdictions.map((id) => {
    const [country, state] = id.split('-');
    return { country, state: state ?? null };
  });
  const a = customer.address ?? {};
  return {
    customer_id: customer.id,
    exemption_type: exemptionType,
    exempt_regions: regions,
    name: customer.name,
    country: a.country ?? null,
    state: a.region ?? null,
    zip: a.postalCode ?? null,
    city: a.city ?? null,
    street: a.line1 ?? null,
  };
}

/**
 * What one ledger transaction adds to the nexus figures of the US state it
 * was sourced to: its sales (gross, retail, taxable), whether it counts as a
 * transaction, the tax the engine estimates on it as if the seller were
 * registered, and the tax actually collected. Refunds carry negative
 * amounts, so they pull the figures back down on their own date.
 */
import type { CalculateResponse } from '../engine/schemas.js';
import type { PreparedSeller } from '../engine/seller.js';

/** The customer's certificates given for resale (their `reason` says so). */
export function resaleCertificatesOf(seller: PreparedSeller, customerId: string | undefined): ReadonlySet<string> {
  if (customerId === undefined) return new Set();
  const certificates = seller.certificatesByCustomer.get(customerId) ?? [];
  return new Set(certificates.filter((c) => c.reason !== undefined && /resale|resell/i.test(c.reason)).map((c) => c.id));
}

export interface NexusFacts {
  jurisdictionId: string;
  gross: number;
  retail: number;
  taxable: number;
  estimatedTax: number;
  collectedTax: number;
}

export interface FactsOptions {
  /** Certificates that exempt a sale for resale: such sales are not retail sales. */
  resaleCertificateIds?: ReadonlySet<string>;
  /** The tax the seller actually collected (imported history); Levy's own figure otherwise. */
  collectedTax?: number | undefined;
}

/** Null for a sale outside the United States. */
export function nexusFactsOf(result: CalculateResponse, options: FactsOptions = {}): NexusFacts | null {
  const { address } = result;
  if (address.country !== 'US' || !address.region) return null;
  const state = `US-${address.region}`;
  const inState = (id: string) => id === state || id.startsWith(`${state}-`);
  const resale = new Set(result.exemptions.filter((e) => isForResale(e, options)).flatMap((e) => e.jurisdictions));
  let gross = 0;
  let taxable = 0;
  let forResale = 0;
  for (const line of result.lines) {
    const amount = line.taxableAmount + line.nonTaxableAmount + line.exemptAmount;
    gross += amount;
    const stateLevel = line.jurisdictions.find((j) => j.id === state);
    if (!stateLevel) continue;
    taxable += stateLevel.taxableAmount;
    if ((stateLevel.exemption === 'certificate' || stateLevel.exemption === 'transaction_exempt') && resale.has(state)) forResale += amount;
  }
  let estimatedTax = 0;
  for (const j of result.jurisdictions) if (inState(j.id)) estimatedTax += j.tax + j.notCollectedTax;
  return {
    jurisdictionId: state,
    gross,
    retail: gross - forResale,
    taxable,
    estimatedTax,
    collectedTax: options.collectedTax ?? result.tax,
  };
}

/** A resale certificate, or the invoice's own claim of a resale exemption: either way not a retail sale. */
function isForResale(e: CalculateResponse['exemptions'][number], options: FactsOptions): boolean {
  if (e.kind === 'transaction_exempt') return e.reason === 'resale';
  return e.kind === 'certificate' && e.certificateId !== undefined && options.resaleCertificateIds?.has(e.certificateId) === true;
}

/** A refund gives back what its sale was: for resale when the sale's retail figure left some out. */
export function refundFactsOf(result: CalculateResponse, original: { nexusRetail: number | null; nexusGross: number | null }): NexusFacts | null {
  const forResale = original.nexusRetail !== original.nexusGross;
  return nexusFactsOf(result, { resaleCertificateIds: forResale ? new Set(result.exemptions.flatMap((e) => (e.certificateId ? [e.certificateId] : []))) : undefined });
}

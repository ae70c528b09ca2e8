/**
 * A certificate's status on a day, derived from its dates rather than
 * stored, so it is right on whatever day it is asked. Review states
 * (`pending_review`, `rejected`) and archiving are recorded; everything
 * else follows from the effective and expiration dates.
 */
import { dayNumber, isoOf } from '../nexus/days.js';

export const REASONS = ['resale', 'government', 'nonprofit', 'manufacturing', 'agricultural', 'medical', 'educational', 'direct_pay', 'other'] as const;
export type Reason = (typeof REASONS)[number];

/**
 * AvaTax entity/use codes for each reason (Avalara Help Center, "Exemption
 * Reason Matrices for US and Canada"): G resale, B state government (A
 * federal and N local are the other government codes), E charitable
 * organisation, I industrial production or manufacturer, H agricultural
 * production, M educational organisation, J direct pay permit, L other or
 * custom. AvaTax has no medical code; medical exemptions are L.
 */
export const ENTITY_USE_CODES: Record<Reason, string> = {
  resale: 'G',
  government: 'B',
  nonprofit: 'E',
  manufacturing: 'I',
  agricultural: 'H',
  medical: 'L',
  educational: 'M',
  direct_pay: 'J',
  other: 'L',
};

export const STATUSES = ['active', 'expiring_soon', 'expired', 'archived', 'pending_review', 'rejected'] as const;
export type CertificateStatus = (typeof STATUSES)[number];

/** A certificate expiring within this many days (inclusive) is `expiring_soon`. */
export const EXPIRING_SOON_DAYS = 30;

export interface CertificateDates {
  effectiveDate: string;
  expirationDate: string | null;
  archived: boolean;
  review: 'active' | 'pending_review' | 'rejected';
}

export function certificateStatus(c: CertificateDates, today: string): CertificateStatus {
  if (c.archived) return 'archived';
  if (c.review !== 'active') return c.review;
  if (c.expirationDate === null) return 'active';
  if (c.expirationDate < today) return 'expired';
  return c.expirationDate <= addDays(today, EXPIRING_SOON_DAYS) ? 'expiring_soon' : 'active';
}

export function addDays(date: string, days: number): string {
  return isoOf(dayNumber(date) + days);
}

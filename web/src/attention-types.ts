/** API answers of the attention, alert, presence and registration routes (src/api/attention-schemas.ts, nexus-schemas.ts, schemas.ts). */

export type AttentionStatus = 'open' | 'reposted' | 'dismissed';
export type AttentionSource = 'import' | 'connector';

export interface AttentionItem {
  id: string;
  source: AttentionSource;
  /** The import id, or the connector's name. */
  sourceId: string;
  /** The id the transaction has in the ledger once reposted. */
  reference: string;
  type: 'sale' | 'refund';
  code: string;
  /** For a dismissed item, the reason it was dismissed. */
  message: string;
  field: string | null;
  status: AttentionStatus;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  transactionId: string | null;
  request: Record<string, unknown>;
}

export interface BulkRepostAnswer {
  reposted: number;
  failed: number;
  failures: Array<{ id: string; reference: string; code: string; message: string; field: string | null }>;
}

export type AlertKind = 'threshold_approaching' | 'threshold_crossed' | 'physical_presence';
type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface Alert {
  id: string;
  kind: AlertKind;
  jurisdictionId: string;
  message: string;
  data: Record<string, unknown>;
  createdAt: string;
  delivery: { email: DeliveryStatus; webhook: DeliveryStatus; attempts: number; nextAttemptAt: string | null; lastError: string | null };
}

export interface PhysicalNexus {
  jurisdictionId: string;
  effectiveDate: string;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export type FilingFrequency = 'monthly' | 'quarterly' | 'annual';

export interface RegistrationRecord {
  jurisdictionId: string;
  effectiveDate: string;
  registrationNumber: string | null;
  filingFrequency: FilingFrequency | null;
  createdAt: string;
  updatedAt: string;
}

/** The body of PUT /v1/registrations/{jurisdictionId}. */
export interface RegistrationBody {
  effectiveDate: string;
  registrationNumber: string | null;
  filingFrequency: FilingFrequency | null;
}

/**
 * The API answers the customers and certificates screens read. Sources:
 * src/api/certificate-schemas.ts, certificate-request-schemas.ts,
 * reprocess-schemas.ts, and `customer` in src/api/schemas.ts.
 */
export const CERTIFICATE_STATUSES = ['active', 'expiring_soon', 'expired', 'archived', 'pending_review', 'rejected'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const REASONS = ['resale', 'government', 'nonprofit', 'manufacturing', 'agricultural', 'medical', 'educational', 'direct_pay', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export interface Certificate {
  id: string;
  customerId: string;
  customerName: string | null;
  jurisdictions: string[];
  reason: string;
  entityUseCode: string;
  number: string | null;
  effectiveDate: string;
  expirationDate: string | null;
  status: CertificateStatus;
  notes: string | null;
  rejectionReason: string | null;
  reviewedAt: string | null;
  requestId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** PATCH /v1/certificates/:id (every field optional). */
export interface CertificatePatch {
  jurisdictions?: string[];
  reason?: Reason;
  number?: string | null;
  effectiveDate?: string;
  expirationDate?: string | null;
  notes?: string | null;
}

export interface CertificateFile {
  certificateId: string;
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface Customer {
  id: string;
  name: string | null;
  email: string | null;
  type: 'business' | 'individual';
  address: Record<string, string> | null;
  taxIds: Array<{ type: string; value: string }>;
  exempt: boolean;
  createdAt: string;
  updatedAt: string;
}

export type EmailStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface CertificateRequest {
  id: string;
  customerId: string;
  certificateId: string | null;
  email: string;
  jurisdictions: string[] | null;
  status: 'open' | 'used' | 'expired';
  expiresAt: string;
  usedAt: string | null;
  submittedCertificateId: string | null;
  emailStatus: EmailStatus;
  lastError: string | null;
  reviewEmailStatus: EmailStatus | null;
  reviewLastError: string | null;
  createdAt: string;
}

export type ReprocessAction = 'revise' | 'correct' | 'unchanged' | 'skip' | 'failed';

export interface FiledPeriod {
  jurisdictionId: string;
  period: string;
}

export interface ReprocessItem {
  id: string;
  date?: string;
  currency?: string;
  taxBefore?: number;
  taxAfter?: number;
  difference?: number;
  action: ReprocessAction;
  filedPeriod?: FiledPeriod | null;
  reason?: string | null;
  message?: string | null;
  version?: number;
  negationId?: string;
  correctionId?: string;
}

export interface ReprocessImpact {
  transactions: number;
  revised: number;
  corrected: number;
  unchanged: number;
  skipped: number;
  totals: Array<{ currency: string; taxBefore: number; taxAfter: number; difference: number }>;
  filedPeriods: Array<FiledPeriod & { transactions: number }>;
}

export interface ReprocessDryRun extends ReprocessImpact {
  certificateId: string;
  customerId: string;
  from: string;
  to: string;
  preferCustomerAddress: boolean;
  dryRun: true;
  items: Array<ReprocessItem & { date: string; currency: string; taxBefore: number; taxAfter: number; difference: number }>;
}

export interface Reprocessing {
  id: string;
  certificateId: string;
  customerId: string;
  from: string;
  to: string;
  preferCustomerAddress: boolean;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  impact: ReprocessImpact;
  items: ReprocessItem[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

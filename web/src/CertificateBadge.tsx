/** A certificate's status in words; the colour only repeats them. */
import type { CertificateStatus } from './certificate-types';

export const STATUS_LABEL: Record<CertificateStatus, string> = {
  active: 'Active',
  expiring_soon: 'Expiring soon',
  expired: 'Expired',
  archived: 'Archived',
  pending_review: 'Pending review',
  rejected: 'Rejected',
};

export function CertificateBadge({ status }: { status: CertificateStatus }) {
  return (
    <span className={`badge cert-${status}`} data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}

export const certificateHref = (id: string) => `/certificates/${encodeURIComponent(id)}`;
export const customerHref = (id: string) => `/customers/${encodeURIComponent(id)}`;

/** "direct_pay" → "Direct pay": the API's reason codes as a reader says them. */
export function reasonLabel(reason: string): string {
  const words = reason.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

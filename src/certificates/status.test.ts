import { describe, expect, it } from 'vitest';
import { certificateStatus, type CertificateDates } from './status.js';

const cert = (expirationDate: string | null, extra: Partial<CertificateDates> = {}): CertificateDates => ({ effectiveDate: '2025-01-01', expirationDate, archived: false, review: 'active', ...extra });

describe('certificate status on its boundary days', () => {
  it('is active until 31 days before it expires, expiring soon from 30 days before through its last day, expired the day after', () => {
    expect(certificateStatus(cert('2026-12-31'), '2026-11-30')).toBe('active');
    expect(certificateStatus(cert('2026-12-31'), '2026-12-01')).toBe('expiring_soon');
    expect(certificateStatus(cert('2026-12-31'), '2026-12-31')).toBe('expiring_soon');
    expect(certificateStatus(cert('2027-01-01'), '2026-12-02')).toBe('expiring_soon');
    expect(certificateStatus(cert('2027-01-01'), '2026-12-01')).toBe('active');
    expect(certificateStatus(cert('2026-12-31'), '2027-01-01')).toBe('expired');
  });

  it('never expires without an expiration date; archived and review states come first', () => {
    expect(certificateStatus(cert(null), '2040-01-01')).toBe('active');
    expect(certificateStatus(cert('2020-01-01', { archived: true }), '2026-01-01')).toBe('archived');
    expect(certificateStatus(cert(null, { review: 'pending_review' }), '2026-01-01')).toBe('pending_review');
    expect(certificateStatus(cert(null, { review: 'rejected' }), '2026-01-01')).toBe('rejected');
  });
});

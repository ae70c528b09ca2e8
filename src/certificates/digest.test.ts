import { describe, expect, it } from 'vitest';
import { digestOf, reminderState, type DigestItem } from './digest.js';

const item = (certificateId: string, expirationDate: string, reminder: DigestItem['reminder']): DigestItem => ({
  certificateId,
  customerId: `cus_${certificateId}`,
  customerName: null,
  number: null,
  expirationDate,
  reminder,
  error: null,
});

describe('the daily digest', () => {
  it('tells where each reminder stands on the day', () => {
    expect(reminderState('2026-03-10', undefined)).toBe('sending');
    expect(reminderState('2026-03-10', { status: 'pending', sentOn: null, lastError: null })).toBe('sending');
    expect(reminderState('2026-03-10', { status: 'skipped', sentOn: null, lastError: 'no email on record' })).toBe('no_email');
    expect(reminderState('2026-03-10', { status: 'failed', sentOn: null, lastError: 'x' })).toBe('failed');
    expect(reminderState('2026-03-10', { status: 'sent', sentOn: '2026-03-10', lastError: null })).toBe('reminded_today');
    expect(reminderState('2026-03-10', { status: 'sent', sentOn: '2026-03-09', lastError: null })).toBe('reminded_earlier');
  });

  it('is nothing when nothing expires, and lists the soonest first otherwise', () => {
    expect(digestOf('2026-03-10', [])).toBeUndefined();
    const digest = digestOf('2026-03-10', [item('b', '2026-04-01', 'reminded_today'), item('c', '2026-03-20', 'no_email'), item('a', '2026-04-01', 'failed'), item('d', '2026-03-11', 'reminded_earlier')]);
    expect(digest?.expiring.map((i) => i.certificateId)).toEqual(['d', 'c', 'a', 'b']);
    expect(digest?.remindedToday).toEqual(['b']);
    expect(digest?.notReminded).toEqual(['c', 'a']);
  });
});

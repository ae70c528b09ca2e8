/**
 * The seller's daily digest of expiring certificates: each certificate
 * expiring within 30 days, and where its customer's reminder stands. Built
 * from the day's reminder rows; pure, so the content stored with the digest
 * is exactly what the email says.
 */
export type ReminderState = 'reminded_today' | 'reminded_earlier' | 'sending' | 'failed' | 'no_email';

export interface DigestItem {
  certificateId: string;
  customerId: string;
  customerName: string | null;
  number: string | null;
  expirationDate: string;
  reminder: ReminderState;
  /** Why the reminder could not be sent (failed). */
  error: string | null;
}

export interface Digest {
  day: string;
  expiring: DigestItem[];
  remindedToday: string[];
  notReminded: string[];
}

export interface ReminderFact {
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  /** The seller's accounting date the reminder went out on. */
  sentOn: string | null;
  lastError: string | null;
}

export function reminderState(day: string, fact: ReminderFact | undefined): ReminderState {
  if (!fact || fact.status === 'pending') return 'sending';
  if (fact.status === 'skipped') return 'no_email';
  if (fact.status === 'failed') return 'failed';
  return fact.sentOn === day ? 'reminded_today' : 'reminded_earlier';
}

/** The digest for a day, or nothing when no certificate expires within 30 days (no email then). */
export function digestOf(day: string, items: readonly DigestItem[]): Digest | undefined {
  if (items.length === 0) return undefined;
  const expiring = [...items].sort((a, b) => (a.expirationDate === b.expirationDate ? (a.certificateId < b.certificateId ? -1 : 1) : a.expirationDate < b.expirationDate ? -1 : 1));
  return {
    day,
    expiring,
    remindedToday: expiring.filter((i) => i.reminder === 'reminded_today').map((i) => i.certificateId),
    notReminded: expiring.filter((i) => i.reminder === 'failed' || i.reminder === 'no_email').map((i) => i.certificateId),
  };
}

/**
 * One nexus alert, as raised by the alerting side and handed to delivery.
 *
 * `data` holds the numbers behind the message. Amounts there are integer cents and their
 * keys end in `Cents` (`salesCents`, `thresholdCents`): the suffix is how the email knows
 * to print "$1,234.56" rather than a count such as `transactions: 200`.
 */
export interface Alert {
  id: string;
  sellerId: string;
  kind: 'threshold_approaching' | 'threshold_crossed' | 'physical_presence';
  jurisdictionId: string;
  jurisdictionName: string;
  /** ISO 8601 */
  createdAt: string;
  /** One sentence a finance person reads. */
  message: string;
  data: Record<string, unknown>;
}

export type AlertKind = Alert['kind'];

export interface EmailSettings {
  to: string[];
  from: string;
  smtp: { host: string; port: number; secure: boolean; username?: string; password?: string };
}

export interface WebhookSettings {
  url: string;
  secret: string;
}

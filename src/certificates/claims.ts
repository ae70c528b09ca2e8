/**
 * Emails sent by the hourly pass (reminders, digests, requests' and reviews'
 * emails sent again) are claimed in the database before they are sent. A
 * claim whose outcome was never recorded belonged to a process that died
 * mid-send; after this long a later pass may take it again. The wait is far
 * beyond any one send (SMTP phases time out in seconds), so a claim still
 * being worked on is never taken: no email is sent twice at once.
 */
export const CLAIM_TIMEOUT_MS = 15 * 60_000;

/** Claims made before this instant and still unrecorded are taken to be abandoned. */
export function staleBefore(now: Date): Date {
  return new Date(now.getTime() - CLAIM_TIMEOUT_MS);
}

import { sendEmail } from '../email/smtp.js';
import { renderAlertEmail } from './render.js';
import type { Alert, EmailSettings } from './types.js';

export { formatUsd } from './render.js';

export async function sendAlertEmail(
  alert: Alert,
  settings: EmailSettings,
  options: { timeoutMs?: number } = {},
): Promise<{ messageId: string }> {
  return sendEmail(settings.smtp, { from: settings.from, to: settings.to, ...renderAlertEmail(alert) }, options);
}

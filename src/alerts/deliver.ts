import { sendAlertEmail } from './email.js';
import type { Alert, EmailSettings, WebhookSettings } from './types.js';
import { sendAlertWebhook } from './webhook.js';

/**
 * What happened on one channel. `error` is a sentence for the person fixing the settings;
 * `detail` is the message id or HTTP status when sent, the reason when skipped, an error code when failed.
 */
export interface Outcome {
  status: 'sent' | 'skipped' | 'failed';
  error?: string;
  detail?: string;
}

export interface DeliverySettings {
  email?: EmailSettings | null;
  webhook?: WebhookSettings | null;
}

/** Sends on every configured channel at once. Never throws: a failure is reported in its channel's outcome. */
export async function deliverAlert(
  alert: Alert,
  settings: DeliverySettings,
  options: { timeoutMs?: number } = {},
): Promise<{ email: Outcome; webhook: Outcome }> {
  const { email, webhook } = settings;
  const [emailOutcome, webhookOutcome] = await Promise.all([
    !email ? skipped('email is not configured')
    : email.to.length === 0 ? skipped('no email recipients')
    : attempt(async () => `messageId ${(await sendAlertEmail(alert, email, options)).messageId}`),
    !webhook ? skipped('webhook is not configured')
    : attempt(async () => `HTTP ${(await sendAlertWebhook(alert, webhook, options)).status}`),
  ]);
  return { email: emailOutcome, webhook: webhookOutcome };
}

async function attempt(send: () => Promise<string>): Promise<Outcome> {
  try {
    return { status: 'sent', detail: await send() };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return {
      status: 'failed',
      error: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { detail: code } : {}),
    };
  }
}

function skipped(detail: string): Promise<Outcome> {
  return Promise.resolve({ status: 'skipped', detail });
}

import { createHash, randomBytes } from 'node:crypto';
import { AccessToken, WebhookEvent } from 'livekit-server-sdk';

export interface WebhookSigning {
  apiKey: string;
  apiSecret: string;
  /** Token lifetime; LiveKit signs for 5 minutes. A negative span ("2 minutes ago") makes an expired one. */
  ttl?: string;
}

/**
 * Signs a webhook body exactly as LiveKit's notifier does: an access token issued by the API key whose
 * `sha256` claim is the base64 SHA-256 of the exact body bytes. Sent as `Authorization: <jwt>`, no "Bearer".
 */
export async function signWebhookBody(body: string, signing: WebhookSigning): Promise<string> {
  const token = new AccessToken(signing.apiKey, signing.apiSecret, { ttl: signing.ttl ?? '5m' });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

export interface WebhookDelivery {
  status: number;
  eventId: string;
  /** Exactly what was sent, to replay it. */
  body: string;
  authorization: string | null;
}

export interface DeliverOptions extends Partial<WebhookSigning> {
  /** Replaces the body after signing (a tampered delivery). */
  tamper?: (body: string) => string;
  /** Sends this header instead of the signed one (null: none at all). */
  authorization?: string | null;
}

/** POSTs one event to a webhook URL the way LiveKit does (content type `application/webhook+json`). */
export async function deliverWebhook(
  url: string,
  event: WebhookEvent,
  signing: WebhookSigning,
  options: DeliverOptions = {},
): Promise<WebhookDelivery> {
  if (!event.id) event.id = `EV_${randomBytes(9).toString('base64url')}`;
  if (!event.createdAt) event.createdAt = BigInt(Math.floor(Date.now() / 1000));
  const body = event.toJsonString();
  const signed = await signWebhookBody(body, { ...signing, ...stripUndefined(options) });
  const sent = options.tamper ? options.tamper(body) : body;
  const headers: Record<string, string> = { 'Content-Type': 'application/webhook+json' };
  const authorization = options.authorization === undefined ? signed : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  const res = await fetch(url, { method: 'POST', headers, body: sent });
  await res.arrayBuffer();
  return { status: res.status, eventId: event.id, body: sent, authorization };
}

function stripUndefined(options: DeliverOptions): Partial<WebhookSigning> {
  const out: Partial<WebhookSigning> = {};
  if (options.apiKey) out.apiKey = options.apiKey;
  if (options.apiSecret) out.apiSecret = options.apiSecret;
  if (options.ttl) out.ttl = options.ttl;
  return out;
}

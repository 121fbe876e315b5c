import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's signed time may be from ours, either way (replay window). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  | { readonly valid: true; readonly timestamp: number }
  | { readonly valid: false; readonly reason: string };

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Checks `X-ScaiKey-Signature: t=<unix seconds>,v1=<hex>` against the raw body bytes: v1 must be
 * HMAC-SHA256(secret, "<t>.<body>") and t within `toleranceSeconds` of `nowSeconds`. Several v1
 * entries are accepted (any one may match) so ScaiKey can roll its secret. The digests are compared
 * in constant time; nothing here parses the body.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: Buffer,
  nowSeconds: number,
  toleranceSeconds: number = WEBHOOK_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { valid: false, reason: 'Missing X-ScaiKey-Signature header' };
  let timestamp: string | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { valid: false, reason: 'Malformed X-ScaiKey-Signature header' };
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') timestamp = value;
    else if (name === 'v1') candidates.push(value);
  }
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || candidates.length === 0) {
    return { valid: false, reason: 'Malformed X-ScaiKey-Signature header' };
  }
  const t = Number(timestamp);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) {
    return { valid: false, reason: 'Webhook timestamp is outside the allowed window' };
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  const matches = candidates.some(
    (hex) => SHA256_HEX.test(hex) && timingSafeEqual(expected, Buffer.from(hex, 'hex')),
  );
  return matches
    ? { valid: true, timestamp: t }
    : { valid: false, reason: 'Invalid webhook signature' };
}

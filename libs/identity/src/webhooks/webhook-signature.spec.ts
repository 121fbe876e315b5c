import { createHmac } from 'node:crypto';
import { verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec_test';
const NOW = 1_900_000_000;
const BODY = Buffer.from('{"data":{"id":"usr_1"},"event_id":"evt_1","event_type":"user.updated"}');

function sign(t: number, body: Buffer | string = BODY, secret = SECRET): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

describe('verifyWebhookSignature', () => {
  it('accepts the HMAC of "<t>.<raw body>" within the window', () => {
    expect(verifyWebhookSignature(SECRET, `t=${NOW},v1=${sign(NOW)}`, BODY, NOW)).toEqual({
      valid: true,
      timestamp: NOW,
    });
    expect(
      verifyWebhookSignature(SECRET, `t=${NOW - 300},v1=${sign(NOW - 300)}`, BODY, NOW).valid,
    ).toBe(true);
  });

  it('accepts any of several v1 values (secret rollover) and upper-case hex', () => {
    const header = `t=${NOW},v1=${sign(NOW, BODY, 'old')},v1=${sign(NOW).toUpperCase()}`;
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW).valid).toBe(true);
  });

  it.each([
    ['a changed body', `t=${NOW},v1=${sign(NOW)}`, Buffer.from(`${BODY.toString()} `)],
    ['another secret', `t=${NOW},v1=${sign(NOW, BODY, 'other')}`, BODY],
    ['a changed t', `t=${NOW + 1},v1=${sign(NOW)}`, BODY],
    [
      'a changed digit',
      `t=${NOW},v1=${sign(NOW).replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`,
      BODY,
    ],
    ['a short digest', `t=${NOW},v1=${sign(NOW).slice(2)}`, BODY],
    ['a non-hex digest', `t=${NOW},v1=${'z'.repeat(64)}`, BODY],
  ])('refuses %s', (_case, header, body) => {
    expect(verifyWebhookSignature(SECRET, header, body, NOW)).toEqual({
      valid: false,
      reason: 'Invalid webhook signature',
    });
  });

  it('refuses a signature older or newer than 300 s, however valid', () => {
    for (const t of [NOW - 301, NOW + 301]) {
      expect(verifyWebhookSignature(SECRET, `t=${t},v1=${sign(t)}`, BODY, NOW)).toEqual({
        valid: false,
        reason: 'Webhook timestamp is outside the allowed window',
      });
    }
  });

  it.each([
    [undefined, 'Missing X-ScaiKey-Signature header'],
    ['', 'Missing X-ScaiKey-Signature header'],
    [`v1=${sign(NOW)}`, 'Malformed X-ScaiKey-Signature header'],
    [`t=${NOW}`, 'Malformed X-ScaiKey-Signature header'],
    [`t=soon,v1=${sign(NOW)}`, 'Malformed X-ScaiKey-Signature header'],
    ['garbage', 'Malformed X-ScaiKey-Signature header'],
  ])('refuses the header %p', (header, reason) => {
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW)).toEqual({ valid: false, reason });
  });
});

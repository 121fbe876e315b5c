import { createHmac, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where ScaiDNS receives ScaiKey's webhooks; used when `sendWebhook` is given a server. */
export const WEBHOOK_PATH = '/api/v1/webhooks/scaikey';

/** What a test says about an event; everything else of the envelope has a default. */
export interface WebhookEvent {
  event_type: string;
  data: Record<string, unknown>;
  /** Default `{type: <event_type before the dot>, id: data.id}`. */
  resource?: { type: string; id: string };
  /** Default `{id: 'system', type: 'system'}`. */
  actor?: { id: string; type: string };
  /** Default `data.tenant_id`, else null. */
  tenant_id?: string | null;
  /** Default `data.partner_id`, else null. */
  partner_id?: string | null;
  /** Default a fresh `evt_…`. */
  event_id?: string;
}

export interface WebhookEnvelope {
  event_id: string;
  event_type: string;
  timestamp: string;
  resource: { type: string; id: string };
  actor: { id: string; type: string };
  data: Record<string, unknown>;
  tenant_id: string | null;
  partner_id: string | null;
}

/**
 * How to break a delivery:
 * - `body`: the signature covers the original body, the body sent has `data.tampered = true`;
 * - `whitespace`: the body sent has a trailing space (same JSON, different bytes);
 * - `signature`: the v1 hex has one digit changed;
 * - `timestamp`: the header's `t` is one second off the signed one.
 */
export type WebhookTamper = 'body' | 'whitespace' | 'signature' | 'timestamp';

export interface WebhookOptions {
  /**
   * Unix seconds the delivery is signed at (the signature's `t`, whole seconds as ScaiKey signs);
   * default the second of `emittedAt`, else now. Old → replay test. Given alone, the envelope's
   * `timestamp` is that whole second too.
   */
  timestamp?: number;
  /**
   * When ScaiKey emitted the event: the envelope's `timestamp`, at full precision (an ISO string is
   * sent as given, so it may carry microseconds; a Date to the millisecond). Default: `timestamp`
   * when given, else now to the millisecond, as ScaiKey stamps events finer than the second it signs.
   */
  emittedAt?: string | Date;
  tamper?: WebhookTamper;
  /** Replaces the X-ScaiKey-Signature header; null leaves it out. */
  signature?: string | null;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
}

/** A signed delivery, ready to send (e.g. with supertest: `.set(hook.headers).send(hook.body)`). */
export interface BuiltWebhook {
  envelope: WebhookEnvelope;
  /** Exactly the bytes to send. */
  body: string;
  headers: Record<string, string>;
  /** The signed `t`. */
  timestamp: number;
  /** The value of X-ScaiKey-Signature (absent when `signature: null`). */
  signature: string | undefined;
}

export interface WebhookDelivery extends BuiltWebhook {
  status: number;
  /** Parsed JSON when the reply is JSON, else the text. */
  response: unknown;
  responseHeaders: Record<string, string>;
}

/**
 * JSON with object keys sorted at every level and no whitespace, non-ASCII escaped as \uXXXX:
 * what Python's `json.dumps(sort_keys=True, separators=(',', ':'))` writes.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined)
      .map((k) => [k, sortKeys(record[k])]),
  );
}

/** `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export function buildWebhook(
  secret: string,
  event: WebhookEvent,
  options: WebhookOptions = {},
): BuiltWebhook {
  const nowMs = Date.now();
  const emittedMs = options.emittedAt === undefined ? nowMs : new Date(options.emittedAt).getTime();
  const timestamp = options.timestamp ?? Math.floor(emittedMs / 1000);
  let emittedAt: string;
  if (typeof options.emittedAt === 'string') emittedAt = options.emittedAt;
  else if (options.emittedAt instanceof Date) emittedAt = options.emittedAt.toISOString();
  else if (options.timestamp !== undefined) emittedAt = new Date(timestamp * 1000).toISOString();
  else emittedAt = new Date(nowMs).toISOString();
  const fromData = (name: string): string | null => {
    const value = event.data[name];
    return typeof value === 'string' ? value : null;
  };
  const envelope: WebhookEnvelope = {
    event_id: event.event_id ?? `evt_${randomBytes(12).toString('hex')}`,
    event_type: event.event_type,
    timestamp: emittedAt,
    resource: event.resource ?? {
      type: event.event_type.split('.')[0],
      id: fromData('id') ?? '',
    },
    actor: event.actor ?? { id: 'system', type: 'system' },
    data: event.data,
    tenant_id: event.tenant_id === undefined ? fromData('tenant_id') : event.tenant_id,
    partner_id: event.partner_id === undefined ? fromData('partner_id') : event.partner_id,
  };
  const signedBody = canonicalJson(envelope);
  let signature: string | undefined = webhookSignature(secret, timestamp, signedBody);
  let body = signedBody;
  switch (options.tamper) {
    case 'body':
      body = canonicalJson({ ...envelope, data: { ...envelope.data, tampered: true } });
      break;
    case 'whitespace':
      body = `${signedBody} `;
      break;
    case 'signature':
      signature = signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      break;
    case 'timestamp':
      signature = signature.replace(/^t=\d+/, `t=${timestamp + 1}`);
      break;
    case undefined:
      break;
  }
  if (options.signature !== undefined) signature = options.signature ?? undefined;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'ScaiKey-Webhooks/1.0 (stand-in)',
    'x-scaikey-event-id': envelope.event_id,
    'x-scaikey-event-type': envelope.event_type,
    'x-scaikey-timestamp': String(timestamp),
    ...(signature === undefined ? {} : { 'x-scaikey-signature': signature }),
    ...options.headers,
  };
  return { envelope, body, headers, timestamp, signature };
}

/**
 * Builds, signs and POSTs a webhook. `target` is a full URL, or an http.Server (e.g. a Nest app's
 * `getHttpServer()`), which gets the delivery at WEBHOOK_PATH and is listened on for the call if
 * it is not listening yet.
 */
export async function sendWebhook(
  target: string | Server,
  secret: string,
  event: WebhookEvent,
  options: WebhookOptions = {},
): Promise<WebhookDelivery> {
  const hook = buildWebhook(secret, event, options);
  if (typeof target === 'string') return post(target, hook);
  const server = target;
  const startedHere = !server.listening;
  if (startedHere) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }
  try {
    const { port } = server.address() as AddressInfo;
    return await post(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, hook);
  } finally {
    if (startedHere) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps its connection alive; only ours are open, the server was started here.
        server.closeAllConnections();
      });
    }
  }
}

async function post(url: string, hook: BuiltWebhook): Promise<WebhookDelivery> {
  const response = await fetch(url, { method: 'POST', headers: hook.headers, body: hook.body });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
  }
  return {
    ...hook,
    status: response.status,
    response: parsed,
    responseHeaders: Object.fromEntries(response.headers.entries()),
  };
}

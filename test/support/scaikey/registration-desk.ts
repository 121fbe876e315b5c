import { randomBytes } from 'node:crypto';
import type { ApplicationInput, ApplicationRecord, ScaiKeyDirectory } from './directory';
import { safeEqual } from './jwt';

export type RegistrationState = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

/** One application registration request, as the stand-in keeps it (tests may inspect it). */
export interface RegistrationRecord {
  request_id: string;
  status_token: string;
  status: RegistrationState;
  /** The request body as sent. */
  request: Record<string, unknown>;
  /** How many times the status was polled. */
  polls: number;
  created_at: string;
  expires_at: string;
  reason: string | null;
  /** The application created on approval. */
  application: ApplicationRecord | null;
  webhook_secret: string | null;
}

/** What ScaiKey answers to a status poll. */
export interface RegistrationStatusReply {
  request_id: string;
  status: RegistrationState;
  expires_at: string;
  client_id?: string;
  client_secret?: string;
  application_id?: string;
  webhook_secret?: string;
  reason?: string;
}

export type ApproveOverrides = ApplicationInput & { webhook_secret?: string | null };

/**
 * Registration requests (`POST /api/v1/public/register/applications`): pending until a test approves
 * or rejects them, they expire, or — with `autoApproveAfterPolls` — enough status polls arrive.
 */
export class RegistrationDesk {
  private readonly requests = new Map<string, RegistrationRecord>();

  constructor(
    private readonly directory: ScaiKeyDirectory,
    private readonly nowMs: () => number,
    private readonly settings: { ttlSeconds: number; autoApproveAfterPolls?: number },
  ) {}

  get all(): RegistrationRecord[] {
    return [...this.requests.values()];
  }

  submit(request: Record<string, unknown>): RegistrationRecord {
    const now = this.nowMs();
    const record: RegistrationRecord = {
      request_id: `reg_${randomBytes(8).toString('hex')}`,
      status_token: randomBytes(24).toString('base64url'),
      status: 'PENDING',
      request,
      polls: 0,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + this.settings.ttlSeconds * 1000).toISOString(),
      reason: null,
      application: null,
      webhook_secret: null,
    };
    this.requests.set(record.request_id, record);
    return record;
  }

  /** A status poll; `undefined` when the request is unknown, `'forbidden'` for a wrong token. */
  poll(requestId: string, statusToken: string): RegistrationStatusReply | 'forbidden' | undefined {
    const record = this.requests.get(requestId);
    if (!record) return undefined;
    if (!safeEqual(statusToken, record.status_token)) return 'forbidden';
    record.polls += 1;
    if (record.status === 'PENDING' && Date.parse(record.expires_at) <= this.nowMs()) {
      record.status = 'EXPIRED';
    }
    const after = this.settings.autoApproveAfterPolls;
    if (record.status === 'PENDING' && after !== undefined && record.polls >= after) {
      this.approve(requestId);
    }
    return this.reply(record);
  }

  /** Approves: creates the application in the directory, with fresh credentials. */
  approve(requestId: string, overrides: ApproveOverrides = {}): RegistrationRecord {
    const record = this.pending(requestId);
    const body = record.request;
    const { webhook_secret: webhookSecret, ...appOverrides } = overrides;
    record.application = this.directory.addApplication({
      name: typeof body.name === 'string' ? body.name : undefined,
      type: body.type === 'TENANT' ? 'TENANT' : 'GLOBAL',
      redirect_uris: stringList(body.redirect_uris),
      scopes: body.scopes === undefined ? undefined : stringList(body.scopes),
      ...appOverrides,
    });
    record.webhook_secret =
      webhookSecret !== undefined
        ? webhookSecret
        : typeof body.webhook_url === 'string'
          ? `whsec_${randomBytes(24).toString('hex')}`
          : null;
    record.status = 'APPROVED';
    return record;
  }

  reject(requestId: string, reason = 'rejected by an administrator'): RegistrationRecord {
    const record = this.pending(requestId);
    record.status = 'REJECTED';
    record.reason = reason;
    return record;
  }

  expire(requestId: string): RegistrationRecord {
    const record = this.pending(requestId);
    record.status = 'EXPIRED';
    return record;
  }

  private reply(record: RegistrationRecord): RegistrationStatusReply {
    const reply: RegistrationStatusReply = {
      request_id: record.request_id,
      status: record.status,
      expires_at: record.expires_at,
    };
    if (record.status === 'APPROVED' && record.application) {
      reply.client_id = record.application.client_id;
      reply.client_secret = record.application.client_secret ?? undefined;
      reply.application_id = record.application.id;
      if (record.webhook_secret) reply.webhook_secret = record.webhook_secret;
    }
    if (record.status === 'REJECTED' && record.reason) reply.reason = record.reason;
    return reply;
  }

  private pending(requestId: string): RegistrationRecord {
    const record = this.requests.get(requestId);
    if (!record) throw new Error(`no registration request ${requestId}`);
    if (record.status !== 'PENDING') {
      throw new Error(`registration request ${requestId} is ${record.status}, not PENDING`);
    }
    return record;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

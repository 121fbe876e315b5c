import { Socket } from 'node:net';
import { errorMessage, RequestContext } from '@app/core';
import {
  buildUpdate,
  RCODE_NAMES,
  readAnswer,
  type SignedUpdate,
  type TsigKey,
  type UpdateRRSet,
} from './dns-update/update-message';
import { PdnsClient } from './pdns.client';
import { canonicalZoneName } from './pdns-zone-id';
import { ensureTsigKey } from './tsig-key';

export type { UpdateRRSet } from './dns-update/update-message';

export interface ZoneUpdaterOptions {
  readonly host: string;
  readonly port: number;
  readonly keyName: string;
  /** Networks PowerDNS takes the updates from (each zone's ALLOW-DNSUPDATE-FROM). */
  readonly allowFrom: readonly string[];
  readonly timeoutMs: number;
}

/**
 * What became of an update:
 * - `committed`: PowerDNS answered NOERROR, signed with our key;
 * - `not-applied`: nothing was changed (not sent, or refused before any change): send a PATCH;
 * - `unknown`: sent, but no usable answer: read the zone back to tell.
 */
export type ZoneUpdateOutcome =
  | { readonly kind: 'committed' }
  | { readonly kind: 'not-applied'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly error: unknown };

/** After an update that could not be applied, the zone's changes go by PATCH for this long. */
const REST_MS = 60_000;

/**
 * RFC 2136 updates of a zone's rrsets, the zone writer's other way to PowerDNS besides PATCH: on a
 * signed zone PowerDNS rectifies only the names an update touches, where a PATCH with api_rectify
 * rebuilds the whole zone's NSEC data. Like the PATCH, `@app/pdns-client/zone-update` is imported by
 * the zone writer alone (the layering check enforces it).
 *
 * Updates are signed with a TSIG key ScaiDNS keeps in PowerDNS (created on first use, its secret
 * read through the API). A zone takes updates only once its metadata allow them: ScaiDNS's key in
 * TSIG-ALLOW-DNSUPDATE, the control plane's networks in ALLOW-DNSUPDATE-FROM, and
 * SOA-EDIT-DNSUPDATE=INCREASE, so an update moves the serial by one, as a PATCH does.
 */
export class PdnsZoneUpdater {
  private key?: Promise<TsigKey>;
  /** Zones (PowerDNS ids) whose metadata this process has set. */
  private readonly prepared = new Set<string>();
  /** Zones whose last update was not applied, until when they go by PATCH (ms since the epoch). */
  private readonly resting = new Map<string, number>();

  constructor(
    private readonly pdns: PdnsClient,
    private readonly options: ZoneUpdaterOptions,
  ) {}

  /** The zone's metadata may have gone (the zone removed or re-created): set it again next time. */
  forget(zoneId: string): void {
    this.prepared.delete(zoneId);
    this.resting.delete(zoneId);
  }

  /**
   * Makes `rrsets` what they say in `zone` (one transaction, one serial step), or answers null
   * without sending anything: some name or content has no exact wire form, or the zone's last update
   * was not applied less than REST_MS ago (a PowerDNS without `dnsupdate` would otherwise cost every
   * commit a refused update before its PATCH).
   */
  async update(
    zoneId: string,
    zone: string,
    rrsets: readonly UpdateRRSet[],
  ): Promise<ZoneUpdateOutcome | null> {
    const restingUntil = this.resting.get(zoneId);
    if (restingUntil !== undefined) {
      if (Date.now() < restingUntil) return null;
      this.resting.delete(zoneId);
    }
    const outcome = await this.send(zoneId, zone, rrsets);
    if (outcome?.kind === 'not-applied') this.resting.set(zoneId, Date.now() + REST_MS);
    return outcome;
  }

  private async send(
    zoneId: string,
    zone: string,
    rrsets: readonly UpdateRRSet[],
  ): Promise<ZoneUpdateOutcome | null> {
    let key: TsigKey;
    try {
      key = await this.tsigKey();
      await this.prepare(zoneId);
    } catch (error) {
      return { kind: 'not-applied', reason: `could not set up updates: ${errorMessage(error)}` };
    }
    const request = buildUpdate(canonicalZoneName(zone), rrsets, key);
    if (!request) return null;
    let answer: Buffer;
    const started = performance.now();
    try {
      answer = await exchange(this.options, request.message);
    } catch (error) {
      if (error instanceof NotSentError) return { kind: 'not-applied', reason: error.message };
      return { kind: 'unknown', reason: errorMessage(error), error };
    } finally {
      RequestContext.addTiming('pdns', performance.now() - started);
    }
    return this.outcome(zoneId, request, answer, key);
  }

  private outcome(
    zoneId: string,
    request: SignedUpdate,
    raw: Buffer,
    key: TsigKey,
  ): ZoneUpdateOutcome {
    let answer: ReturnType<typeof readAnswer>;
    try {
      answer = readAnswer(raw, request, key);
    } catch (error) {
      return { kind: 'unknown', reason: `unreadable answer: ${errorMessage(error)}`, error };
    }
    const rcode = RCODE_NAMES[answer.rcode] ?? `RCODE ${answer.rcode}`;
    if (answer.rcode === 0) {
      if (answer.signed) return { kind: 'committed' };
      const reason = 'NOERROR without a valid TSIG';
      return { kind: 'unknown', reason, error: new Error(reason) };
    }
    if (answer.rcode === 2) {
      // SERVFAIL: PowerDNS rolls back, except when its final commit failed: read back to be sure.
      return {
        kind: 'unknown',
        reason: 'SERVFAIL',
        error: new Error('PowerDNS answered SERVFAIL'),
      };
    }
    // Refused before any change (a check, a prerequisite or the TSIG failed): forget what may be
    // stale (the zone's metadata, the key), and let the PATCH do it.
    this.prepared.delete(zoneId);
    if (answer.tsigError !== 0) this.key = undefined;
    const tsig = answer.tsigError
      ? ` (TSIG ${RCODE_NAMES[answer.tsigError] ?? answer.tsigError})`
      : '';
    return { kind: 'not-applied', reason: `PowerDNS answered ${rcode}${tsig}` };
  }

  private tsigKey(): Promise<TsigKey> {
    this.key ??= this.loadKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async loadKey(): Promise<TsigKey> {
    const stored = await ensureTsigKey(this.pdns, this.options.keyName);
    return {
      name: canonicalZoneName(this.options.keyName),
      secret: Buffer.from(stored.key, 'base64'),
    };
  }

  private async prepare(zoneId: string): Promise<void> {
    if (this.prepared.has(zoneId)) return;
    await Promise.all([
      this.pdns.replaceMetadata(zoneId, 'TSIG-ALLOW-DNSUPDATE', [
        canonicalZoneName(this.options.keyName),
      ]),
      this.pdns.replaceMetadata(zoneId, 'ALLOW-DNSUPDATE-FROM', this.options.allowFrom),
      this.pdns.replaceMetadata(zoneId, 'SOA-EDIT-DNSUPDATE', ['INCREASE']),
    ]);
    this.prepared.add(zoneId);
  }
}

/** The connection failed before the update went out: PowerDNS can't have applied it. */
class NotSentError extends Error {}

/** One message over TCP (RFC 7766: two length bytes first), and its answer. */
function exchange(
  options: { readonly host: string; readonly port: number; readonly timeoutMs: number },
  message: Buffer,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let sent = false;
    let received = Buffer.alloc(0);
    const fail = (reason: string) => {
      socket.destroy();
      reject(sent ? new Error(reason) : new NotSentError(reason));
    };
    socket.setTimeout(options.timeoutMs, () =>
      fail(`no answer from ${options.host}:${options.port} within ${options.timeoutMs} ms`),
    );
    socket.once('error', (error) => fail(errorMessage(error)));
    socket.once('close', () => fail('connection closed before the answer'));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
        socket.removeAllListeners('close');
        socket.destroy();
        resolve(received.subarray(2, 2 + received.readUInt16BE(0)));
      }
    });
    socket.connect(options.port, options.host, () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      sent = true;
      socket.write(Buffer.concat([length, message]));
    });
  });
}

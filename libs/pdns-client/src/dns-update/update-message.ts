import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { encodeName, encodeRdata, UPDATE_TYPE_CODES } from './wire';

/**
 * RFC 2136 UPDATE messages, signed with TSIG (RFC 8945, HMAC-SHA256), and their answers.
 */

const OPCODE_UPDATE = 5;
const TYPE_SOA = 6;
const TYPE_TSIG = 250;
const CLASS_IN = 1;
const CLASS_ANY = 255;
const HEADER = 12;
/** A DNS message over TCP: at most 65535 bytes, the TSIG record included. */
const MAX_MESSAGE = 65535;
const TSIG_ALGORITHM = 'hmac-sha256.';
/** Seconds either side of the signing time within which an answer's TSIG is accepted. */
export const TSIG_FUDGE_SECONDS = 300;

/** An rrset as it must be after the update (no records: gone). */
export interface UpdateRRSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly string[];
  /**
   * The zone holds this rrset now: it is deleted before its records are added. False (a new rrset)
   * saves PowerDNS the lookup of a delete that finds nothing.
   */
  readonly exists: boolean;
}

export interface TsigKey {
  /** Absolute, lower case. */
  readonly name: string;
  readonly secret: Buffer;
}

export interface SignedUpdate {
  readonly id: number;
  readonly message: Buffer;
  /** The request's MAC, which the answer's MAC covers. */
  readonly mac: Buffer;
}

/** RCODEs an answer may carry, by name (RFC 6895), with TSIG's own errors. */
export const RCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  6: 'YXDOMAIN',
  7: 'YXRRSET',
  8: 'NXRRSET',
  9: 'NOTAUTH',
  10: 'NOTZONE',
  16: 'BADSIG',
  17: 'BADKEY',
  18: 'BADTIME',
};

class Writer {
  private readonly parts: Buffer[] = [];
  u8(v: number): this {
    this.parts.push(Buffer.from([v]));
    return this;
  }
  u16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v);
    this.parts.push(b);
    return this;
  }
  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v);
    this.parts.push(b);
    return this;
  }
  u48(v: number): this {
    const b = Buffer.alloc(6);
    b.writeUIntBE(v, 0, 6);
    this.parts.push(b);
    return this;
  }
  bytes(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/**
 * The UPDATE that makes each rrset what `rrsets` says: every rrset the zone holds is deleted (class
 * ANY), then the records added. PowerDNS runs all deletes before any add, in one backend transaction. Null when a
 * name or content can't be encoded, or the message would not fit.
 */
export function buildUpdate(
  zone: string,
  rrsets: readonly UpdateRRSet[],
  key: TsigKey,
  now: Date = new Date(),
): SignedUpdate | null {
  const zoneName = encodeName(zone, true);
  if (!zoneName) return null;
  const deletes = new Writer();
  const adds = new Writer();
  let count = 0;
  for (const rrset of rrsets) {
    const type = UPDATE_TYPE_CODES[rrset.type.toUpperCase()];
    const owner = encodeName(rrset.name, true);
    if (type === undefined || !owner) return null;
    if (rrset.exists) {
      deletes.bytes(owner).u16(type).u16(CLASS_ANY).u32(0).u16(0);
      count++;
    }
    for (const content of rrset.records) {
      const rdata = encodeRdata(rrset.type.toUpperCase(), content);
      if (!rdata || rrset.ttl < 1) return null;
      adds.bytes(owner).u16(type).u16(CLASS_IN).u32(rrset.ttl).u16(rdata.length).bytes(rdata);
      count++;
    }
  }
  if (count > 0xffff) return null;
  const id = randomInt(0, 0x10000);
  const unsigned = new Writer()
    .u16(id)
    .u16(OPCODE_UPDATE << 11)
    .u16(1) // zone
    .u16(0) // prerequisites
    .u16(count) // updates
    .u16(0) // additional
    .bytes(zoneName)
    .u16(TYPE_SOA)
    .u16(CLASS_IN)
    .bytes(deletes.done())
    .bytes(adds.done())
    .done();
  const signed = sign(unsigned, id, key, now);
  return signed.message.length > MAX_MESSAGE ? null : signed;
}

/** The TSIG variables of RFC 8945 §4.3.3 (time signed, fudge, error, no other data). */
function tsigVariables(key: TsigKey, timeSigned: number, error: number, other: Buffer): Buffer {
  return new Writer()
    .bytes(encodeName(key.name, true) ?? Buffer.alloc(0))
    .u16(CLASS_ANY)
    .u32(0)
    .bytes(encodeName(TSIG_ALGORITHM) as Buffer)
    .u48(timeSigned)
    .u16(TSIG_FUDGE_SECONDS)
    .u16(error)
    .u16(other.length)
    .bytes(other)
    .done();
}

function sign(unsigned: Buffer, id: number, key: TsigKey, now: Date): SignedUpdate {
  const timeSigned = Math.floor(now.getTime() / 1000);
  const mac = createHmac('sha256', key.secret)
    .update(unsigned)
    .update(tsigVariables(key, timeSigned, 0, Buffer.alloc(0)))
    .digest();
  const rdata = new Writer()
    .bytes(encodeName(TSIG_ALGORITHM) as Buffer)
    .u48(timeSigned)
    .u16(TSIG_FUDGE_SECONDS)
    .u16(mac.length)
    .bytes(mac)
    .u16(id)
    .u16(0)
    .u16(0)
    .done();
  const tsig = new Writer()
    .bytes(encodeName(key.name, true) as Buffer)
    .u16(TYPE_TSIG)
    .u16(CLASS_ANY)
    .u32(0)
    .u16(rdata.length)
    .bytes(rdata)
    .done();
  const message = Buffer.concat([unsigned, tsig]);
  message.writeUInt16BE(unsigned.readUInt16BE(10) + 1, 10);
  return { id, message, mac };
}

export interface UpdateAnswer {
  readonly rcode: number;
  /** The TSIG error the answer's TSIG record carries (0 when none). */
  readonly tsigError: number;
  /** True when the answer carries a TSIG whose MAC and time check out against the request. */
  readonly signed: boolean;
}

/** Reads an answer to `request`; throws when it is not one (wrong id, not a response, malformed). */
export function readAnswer(
  answer: Buffer,
  request: SignedUpdate,
  key: TsigKey,
  now: Date = new Date(),
): UpdateAnswer {
  if (answer.length < HEADER) throw new Error('answer shorter than a DNS header');
  if (answer.readUInt16BE(0) !== request.id) throw new Error('answer to another message');
  const flags = answer.readUInt16BE(2);
  if ((flags & 0x8000) === 0 || ((flags >> 11) & 0xf) !== OPCODE_UPDATE) {
    throw new Error('not an UPDATE response');
  }
  const rcode = flags & 0xf;
  const counts = [4, 6, 8, 10].map((at) => answer.readUInt16BE(at));
  let at = HEADER;
  for (let i = 0; i < counts[0]; i++) at = skipName(answer, at) + 4;
  const records = counts[1] + counts[2] + counts[3];
  for (let i = 0; i < records; i++) {
    const start = at;
    at = skipName(answer, at);
    const type = answer.readUInt16BE(at);
    const rdlength = answer.readUInt16BE(at + 8);
    const rdataAt = at + 10;
    at = rdataAt + rdlength;
    if (at > answer.length) throw new Error('record runs past the end of the answer');
    if (type === TYPE_TSIG) {
      if (i !== records - 1) throw new Error('TSIG is not the last record');
      return { rcode, ...checkTsig(answer, start, rdataAt, request, key, now) };
    }
  }
  return { rcode, tsigError: 0, signed: false };
}

function checkTsig(
  answer: Buffer,
  tsigStart: number,
  rdataAt: number,
  request: SignedUpdate,
  key: TsigKey,
  now: Date,
): { tsigError: number; signed: boolean } {
  let at = skipName(answer, rdataAt); // algorithm
  const timeSigned = answer.readUIntBE(at, 6);
  const macSize = answer.readUInt16BE(at + 8);
  const mac = answer.subarray(at + 10, at + 10 + macSize);
  at += 10 + macSize;
  const error = answer.readUInt16BE(at + 2);
  const otherLength = answer.readUInt16BE(at + 4);
  const other = answer.subarray(at + 6, at + 6 + otherLength);
  if (macSize === 0) return { tsigError: error, signed: false };
  const body = Buffer.from(answer.subarray(0, tsigStart));
  body.writeUInt16BE(body.readUInt16BE(10) - 1, 10);
  const size = Buffer.alloc(2);
  size.writeUInt16BE(request.mac.length);
  const expected = createHmac('sha256', key.secret)
    .update(size)
    .update(request.mac)
    .update(body)
    .update(tsigVariables(key, timeSigned, error, other))
    .digest();
  const inTime = Math.abs(Math.floor(now.getTime() / 1000) - timeSigned) <= TSIG_FUDGE_SECONDS;
  const valid = mac.length === expected.length && timingSafeEqual(mac, expected);
  return { tsigError: error, signed: valid && inTime };
}

/** Where the (possibly compressed) name at `at` ends. */
function skipName(message: Buffer, at: number): number {
  let i = at;
  for (;;) {
    if (i >= message.length) throw new Error('name runs past the end of the message');
    const length = message[i];
    if (length === 0) return i + 1;
    if ((length & 0xc0) === 0xc0) return i + 2;
    if ((length & 0xc0) !== 0) throw new Error('unknown label type');
    i += length + 1;
  }
}

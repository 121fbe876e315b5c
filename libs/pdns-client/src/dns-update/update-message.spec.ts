import { createHmac } from 'node:crypto';
import { buildUpdate, readAnswer, type SignedUpdate, type TsigKey } from './update-message';

const key: TsigKey = {
  name: 'scaidns-control.',
  secret: Buffer.from('0123456789abcdef0123456789abcdef'),
};
const now = new Date('2026-12-03T12:00:00Z');
const wire = (name: string) =>
  Buffer.concat([
    ...name
      .replace(/\.$/, '')
      .split('.')
      .map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);
const u16 = (v: number) => Buffer.from([v >> 8, v & 0xff]);
const u48 = (v: number) =>
  Buffer.from([0, 0, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);

/** RFC 8945 §4.3.3: key name, class ANY, TTL 0, algorithm, time signed, fudge 300, no error, no other data. */
const tsigVariables = (time: number) =>
  Buffer.concat([
    wire(key.name),
    u16(255),
    Buffer.alloc(4),
    wire('hmac-sha256.'),
    u48(time),
    u16(300),
    u16(0),
    u16(0),
  ]);

/**
 * An answer to `request` as RFC 8945 §4.3 says a server signs it, written out here on its own:
 * HMAC over the request MAC (with its length), the answer without TSIG, then the TSIG variables.
 */
function answer(
  request: SignedUpdate,
  rcode: number,
  options: { signWith?: Buffer; time?: Date; tamper?: boolean } = {},
): Buffer {
  const header = Buffer.concat([
    u16(request.id),
    u16(0x8000 | (5 << 11) | rcode),
    u16(1),
    u16(0),
    u16(0),
    u16(0),
  ]);
  const body = Buffer.concat([header, wire('example.com.'), u16(6), u16(1)]);
  const time = Math.floor((options.time ?? now).getTime() / 1000);
  const mac = createHmac('sha256', options.signWith ?? key.secret)
    .update(u16(request.mac.length))
    .update(request.mac)
    .update(body)
    .update(tsigVariables(time))
    .digest();
  const rdata = Buffer.concat([
    wire('hmac-sha256.'),
    u48(time),
    u16(300),
    u16(mac.length),
    mac,
    u16(request.id),
    u16(0),
    u16(0),
  ]);
  const tsig = Buffer.concat([
    wire(key.name),
    u16(250),
    u16(255),
    Buffer.alloc(4),
    u16(rdata.length),
    rdata,
  ]);
  const message = Buffer.concat([body, tsig]);
  message.writeUInt16BE(1, 10);
  if (options.tamper) message[13] ^= 0x20; // the zone name's first letter, case flipped
  return message;
}

describe('buildUpdate', () => {
  const rrsets = [
    {
      name: 'www.example.com.',
      type: 'A',
      ttl: 300,
      records: ['192.0.2.1', '192.0.2.2'],
      exists: true,
    },
    { name: 'new.example.com.', type: 'TXT', ttl: 60, records: ['"hello"'], exists: false },
    { name: 'gone.example.com.', type: 'MX', ttl: 0, records: [], exists: true },
  ];

  it('is an UPDATE for the zone: deletes of the rrsets the zone holds first, then the records, then a TSIG', () => {
    const signed = buildUpdate('Example.com.', rrsets, key, now);
    expect(signed).not.toBeNull();
    const m = signed!.message;
    expect(m.readUInt16BE(0)).toBe(signed!.id);
    expect((m.readUInt16BE(2) >> 11) & 0xf).toBe(5);
    // zone 1, prerequisites 0, updates: 2 deletes + 3 adds, additional: the TSIG.
    expect([4, 6, 8, 10].map((at) => m.readUInt16BE(at))).toEqual([1, 0, 5, 1]);
    const zone = wire('example.com.');
    expect(m.subarray(12, 12 + zone.length)).toEqual(zone);
    let at = 12 + zone.length + 4;
    /** The record at `at`: its owner, then type, class, TTL and rdata length; moves past them. */
    const next = (owner: string) => {
      const name = wire(owner);
      expect(m.subarray(at, at + name.length)).toEqual(name);
      at += name.length;
      const fields = [0, 2, 4, 8].map((o) =>
        o === 4 ? m.readUInt32BE(at + o) : m.readUInt16BE(at + o),
      );
      at += 10;
      return fields;
    };
    // The deletes (class ANY, TTL 0, no rdata) of the rrsets the zone holds: www A, gone MX.
    expect(next('www.example.com.')).toEqual([1, 255, 0, 0]);
    expect(next('gone.example.com.')).toEqual([15, 255, 0, 0]);
    // Then the records, in class IN with their TTL.
    expect(next('www.example.com.')).toEqual([1, 1, 300, 4]);
    expect(m.subarray(at, at + 4)).toEqual(Buffer.from([192, 0, 2, 1]));
  });

  it('signs with HMAC-SHA256 over the message and the TSIG variables (RFC 8945 §4.3.3)', () => {
    const signed = buildUpdate('example.com.', rrsets, key, now)!;
    const tsigName = wire(key.name);
    const tsigAt = signed.message.lastIndexOf(Buffer.concat([tsigName, u16(250)]));
    const unsigned = Buffer.from(signed.message.subarray(0, tsigAt));
    unsigned.writeUInt16BE(0, 10);
    const time = Math.floor(now.getTime() / 1000);
    const expected = createHmac('sha256', key.secret)
      .update(unsigned)
      .update(tsigVariables(time))
      .digest();
    expect(signed.mac).toEqual(expected);
    expect(signed.message.includes(expected)).toBe(true);
  });

  it('answers null for what it cannot encode: a type left to PATCH, a TTL of 0 on a record, a relative name', () => {
    expect(
      buildUpdate('example.com.', [{ ...rrsets[0], type: 'ALIAS', records: ['x.example.'] }], key),
    ).toBeNull();
    expect(buildUpdate('example.com.', [{ ...rrsets[0], ttl: 0 }], key)).toBeNull();
    expect(buildUpdate('example.com.', [{ ...rrsets[0], name: 'www' }], key)).toBeNull();
  });

  it('answers null when the message would not fit in 65535 bytes', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      name: `host-with-a-long-name-${i}.example.com.`,
      type: 'A',
      ttl: 300,
      records: ['192.0.2.1'],
      exists: false,
    }));
    expect(buildUpdate('example.com.', many, key)).toBeNull();
  });
});

describe('readAnswer', () => {
  const request = buildUpdate(
    'example.com.',
    [{ name: 'a.example.com.', type: 'A', ttl: 60, records: ['192.0.2.1'], exists: false }],
    key,
    now,
  )!;

  it('accepts a NOERROR signed with the key over the request MAC', () => {
    expect(readAnswer(answer(request, 0), request, key, now)).toEqual({
      rcode: 0,
      tsigError: 0,
      signed: true,
    });
  });

  it('reports REFUSED and the like with their RCODE', () => {
    expect(readAnswer(answer(request, 5), request, key, now)).toMatchObject({ rcode: 5 });
  });

  it('calls an answer unsigned when its MAC is from another key, it was altered, or it is outside the fudge', () => {
    expect(
      readAnswer(answer(request, 0, { signWith: Buffer.from('another secret') }), request, key, now)
        .signed,
    ).toBe(false);
    expect(readAnswer(answer(request, 0, { tamper: true }), request, key, now).signed).toBe(false);
    const late = new Date(now.getTime() + 301_000);
    expect(readAnswer(answer(request, 0), request, key, late).signed).toBe(false);
  });

  it('calls an answer without TSIG unsigned', () => {
    const bare = answer(request, 0).subarray(0, 12 + wire('example.com.').length + 4);
    const plain = Buffer.from(bare);
    plain.writeUInt16BE(0, 10);
    expect(readAnswer(plain, request, key, now)).toEqual({ rcode: 0, tsigError: 0, signed: false });
  });

  it('refuses what is not an answer to the request', () => {
    const other = answer(request, 0);
    other.writeUInt16BE((request.id + 1) & 0xffff, 0);
    expect(() => readAnswer(other, request, key, now)).toThrow('another message');
    expect(() => readAnswer(Buffer.alloc(5), request, key, now)).toThrow('shorter');
    const query = answer(request, 0);
    query.writeUInt16BE(query.readUInt16BE(2) & 0x7fff, 2);
    expect(() => readAnswer(query, request, key, now)).toThrow('not an UPDATE response');
  });
});

import { dsQuery, parseDsAnswer } from './ds-query';

/** An answer to `query` with the given rcode and DS rdata (one answer record each). */
function answer(query: Buffer, rcode: number, ds: Buffer[], extraFlags = 0): Buffer {
  const header = Buffer.from(query.subarray(0, 12));
  header.writeUInt16BE(0x8180 | rcode | extraFlags, 2);
  header.writeUInt16BE(ds.length, 6);
  header.writeUInt16BE(0, 10);
  const question = query.subarray(12, query.length - 11);
  const rrs = ds.map((data) => {
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0);
    rr.writeUInt16BE(43, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(3600, 6);
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, question, ...rrs]);
}

describe('DS query over UDP', () => {
  const query = dsQuery(0x1234, 'Example.COM.');

  it('asks for DS (43) IN with recursion desired', () => {
    expect(query.readUInt16BE(0)).toBe(0x1234);
    expect(query.readUInt16BE(2)).toBe(0x0100);
    expect(query.subarray(12, 25).toString('latin1')).toBe('\x07example\x03com\x00');
    expect(query.readUInt16BE(25)).toBe(43);
  });

  it('reads the DS records of an answer', () => {
    const ds = Buffer.from('3f0d0d02' + 'ab'.repeat(32), 'hex');
    expect(parseDsAnswer(answer(query, 0, [ds]), 0x1234)).toEqual({
      outcome: 'found',
      ttl: 3600,
      records: [{ keyTag: 0x3f0d, algorithm: 13, digestType: 2, digest: 'ab'.repeat(32) }],
    });
  });

  it('no DS: NODATA and NXDOMAIN; failures are errors', () => {
    expect(parseDsAnswer(answer(query, 0, []), 0x1234)).toEqual({ outcome: 'none' });
    expect(parseDsAnswer(answer(query, 3, []), 0x1234)).toEqual({ outcome: 'none' });
    expect(parseDsAnswer(answer(query, 5, []), 0x1234)).toEqual({
      outcome: 'error',
      message: 'the resolver answered REFUSED',
    });
    expect(parseDsAnswer(answer(query, 0, [], 0x0200), 0x1234).outcome).toBe('error');
    expect(parseDsAnswer(answer(query, 0, []), 0x4321).outcome).toBe('error');
  });
});

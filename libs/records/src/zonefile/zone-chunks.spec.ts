import { compareNames } from '@app/core';
import { bindZoneChunks, writeBindZone } from './bind-writer';
import { csvZoneChunks, parseCsvZone } from './csv-format';
import { jsonZoneChunks, writeJsonZone } from './json-format';
import type { ZoneRrset } from './zone-file.types';
import { FIXTURE_RRSETS, FIXTURE_ZONE } from './zone-fixture.testing';
import { canonicalKey, EXPORT_CHUNK_RECORDS, exportOrder, flattenRrsets } from './zone-order';

/** A zone big enough to be written in several pieces, with rrsets of several records. */
function bigZone(): ZoneRrset[] {
  const rrsets: ZoneRrset[] = [...FIXTURE_RRSETS];
  for (let i = 0; i < EXPORT_CHUNK_RECORDS * 2; i++) {
    rrsets.push({
      name: `h${i}.example.com.`,
      type: i % 3 === 0 ? 'TXT' : 'A',
      ttl: 300,
      records:
        i % 3 === 0
          ? [{ content: `"line \\"${i}\\"\\010 é"`, disabled: i % 7 === 0 }]
          : [
              { content: `192.0.2.${i % 250}`, disabled: false },
              { content: `198.51.100.${i % 250}`, disabled: false },
            ],
    });
  }
  return rrsets;
}

describe('streamed zone files', () => {
  const rrsets = bigZone();

  it('JSON in pieces is exactly what JSON.stringify writes for the whole file', () => {
    const pieces = [...jsonZoneChunks(FIXTURE_ZONE, rrsets)];
    expect(pieces.length).toBeGreaterThan(2);
    const whole = `${JSON.stringify({ zone: 'example.com.', records: flattenRrsets(FIXTURE_ZONE, rrsets) }, null, 2)}\n`;
    expect(pieces.join('')).toBe(whole);
    expect(writeJsonZone(FIXTURE_ZONE, rrsets)).toBe(whole);
  });

  it('JSON of a zone with no records is the empty list', () => {
    expect([...jsonZoneChunks('example.com', [])].join('')).toBe(
      `${JSON.stringify({ zone: 'example.com.', records: [] }, null, 2)}\n`,
    );
  });

  it('BIND and CSV come in pieces that never split an rrset, and read back whole', () => {
    const bind = [...bindZoneChunks(FIXTURE_ZONE, rrsets)];
    expect(bind.length).toBeGreaterThan(2);
    expect(bind.join('')).toBe(writeBindZone(FIXTURE_ZONE, rrsets));
    for (const piece of bind) expect(piece.endsWith('\n')).toBe(true);

    const csv = [...csvZoneChunks(FIXTURE_ZONE, rrsets)];
    expect(csv.length).toBeGreaterThan(2);
    const parsed = parseCsvZone(csv.join(''), { origin: 'example.com.', defaultTtl: 3600 });
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toHaveLength(flattenRrsets(FIXTURE_ZONE, rrsets).length);
  });

  it('orders names as compareNames does, by one precomputed key each', () => {
    const names = [
      'b.example.com.',
      'a.example.com.',
      'ab.example.com.',
      'a.b.example.com.',
      '*.example.com.',
      'x-y.a.example.com.',
      'Z.example.com.',
      'example.com.',
    ];
    const bySort = [...names].sort(compareNames);
    const byKey = [...names].sort((a, b) => {
      const [ka, kb] = [canonicalKey(a), canonicalKey(b)];
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    expect(byKey).toEqual(bySort);
    const ordered = exportOrder(
      'example.com',
      names.map((name) => ({
        name,
        type: 'A',
        ttl: 60,
        records: [{ content: '192.0.2.1', disabled: false }],
      })),
    );
    expect(ordered.map((r) => r.name)).toEqual(bySort);
  });
});

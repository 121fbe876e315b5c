import { relativeName } from '@app/core';
import type { RecordFence } from '@app/identity';
import { isPlatformManaged, type WorkingRRSet } from '@app/zones';
import { assignRecordIds, deriveRecordId, recordContentKey } from '../ids/record-id';
import { type IndexedRecord, type ZonePinMap, ZoneRecords } from './zone-records';

const DOMAIN = { id: '8c3b6f0e-0000-4000-8000-000000000001', name: 'example.com' };
const ALL: RecordFence = { all: true, admits: () => true };
const ONLY_WWW: RecordFence = {
  all: false,
  admits: (name, type) => relativeName(name, DOMAIN.name).startsWith('w') && type === 'A',
};

/** A seeded generator, so a failure shows the same zone every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const NAMES = ['@', 'www', 'w2', 'mail', 'a.b', 'x', 'Zed', 'api'];
const TYPES = ['A', 'TXT', 'NS', 'MX'];

function rrsetAt(rand: () => number, name: string, type: string): WorkingRRSet {
  const fqdn = name === '@' ? 'example.com.' : `${name.toLowerCase()}.example.com.`;
  const count = Math.floor(rand() * 4);
  const contents = new Set<string>();
  for (let i = 0; i < count; i++) {
    const n = Math.floor(rand() * 20);
    contents.add(
      type === 'A'
        ? `192.0.2.${n}`
        : type === 'TXT'
          ? `"t${n}"`
          : type === 'MX'
            ? `${n} mx${n}.example.net.`
            : `ns${n}.example.net.`,
    );
  }
  return {
    name: fqdn,
    type,
    ttl: 60 + Math.floor(rand() * 10),
    records: [...contents].map((content) => ({ content, disabled: rand() < 0.3 })),
  };
}

/** What a list is, computed the plain way: every rrset, filtered, then sorted. */
function reference(
  rrsets: ReadonlyMap<string, WorkingRRSet>,
  pins: ZonePinMap,
  selection: { type?: string; name?: string; includeSystem: boolean; fence: RecordFence },
): IndexedRecord[] {
  const out: IndexedRecord[] = [];
  for (const rrset of rrsets.values()) {
    const display = relativeName(rrset.name, DOMAIN.name);
    const system = isPlatformManaged(rrset, DOMAIN.name);
    if (system && !selection.includeSystem) continue;
    if (selection.type && rrset.type !== selection.type.toUpperCase()) continue;
    const name = selection.name?.toLowerCase();
    if (name && display !== name && rrset.name !== name) continue;
    if (!selection.fence.admits(rrset.name, rrset.type)) continue;
    const { ids } = assignRecordIds(
      { zoneId: DOMAIN.id, fqdn: rrset.name, type: rrset.type },
      rrset.records.map((r) => recordContentKey(rrset.type, r.content, DOMAIN.name)),
      pins.get(`${rrset.name}|${rrset.type}`) ?? [],
    );
    rrset.records.forEach((r, i) =>
      out.push({
        id: ids[i],
        name: rrset.name,
        displayName: display,
        type: rrset.type,
        content: r.content,
        ttl: rrset.ttl,
        disabled: r.disabled,
        system,
      }),
    );
  }
  return out.sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      a.type.localeCompare(b.type) ||
      a.content.localeCompare(b.content),
  );
}

const SELECTIONS = [
  { includeSystem: false, fence: ALL },
  { includeSystem: true, fence: ALL },
  { includeSystem: false, fence: ALL, type: 'a' },
  { includeSystem: false, fence: ALL, type: 'NS' },
  { includeSystem: true, fence: ALL, type: 'NS' },
  { includeSystem: false, fence: ALL, name: 'www' },
  { includeSystem: true, fence: ALL, name: '@' },
  { includeSystem: false, fence: ALL, name: 'a.b.example.com.' },
  { includeSystem: false, fence: ONLY_WWW },
  { includeSystem: true, fence: ONLY_WWW, type: 'A' },
];

describe('ZoneRecords', () => {
  it.each([1, 2, 3, 4, 5])(
    'lists, pages and finds by id as a plain sort of the zone would (seed %i)',
    (seed) => {
      const rand = random(seed);
      const zone = new Map<string, WorkingRRSet>();
      const put = (rrset: WorkingRRSet) => {
        const key = `${rrset.name}|${rrset.type}`;
        if (rrset.records.length === 0) zone.delete(key);
        else zone.set(key, rrset);
      };
      for (const name of NAMES) for (const type of TYPES) put(rrsetAt(rand, name, type));
      put({
        name: 'example.com.',
        type: 'SOA',
        ttl: 3600,
        records: [{ content: 'ns1.example.net. h.example.com. 1 2 3 4 5', disabled: false }],
      });
      let pins: ZonePinMap = new Map();
      const index = new ZoneRecords(DOMAIN, [...zone.values()], pins);
      const check = () => {
        for (const selection of SELECTIONS) {
          const expected = reference(zone, pins, selection);
          const all = index.select(selection);
          expect(all.total).toBe(expected.length);
          expect(all.rows).toEqual(expected);
          for (const [offset, limit] of [
            [0, 3],
            [2, 5],
            [expected.length - 1, 10],
            [expected.length + 5, 3],
          ]) {
            const page = index.select(selection, offset, limit);
            expect(page.total).toBe(expected.length);
            expect(page.rows).toEqual(expected.slice(Math.max(offset, 0), offset + limit));
          }
        }
        for (const record of reference(zone, pins, { includeSystem: true, fence: ALL })) {
          expect(index.get(record.id)).toEqual(record);
        }
      };
      check();
      for (let round = 0; round < 30; round++) {
        const changes = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
          rrsetAt(
            rand,
            NAMES[Math.floor(rand() * NAMES.length)],
            TYPES[Math.floor(rand() * TYPES.length)],
          ),
        );
        changes.forEach(put);
        index.apply(changes);
        if (rand() < 0.3) {
          // A pinned id moves to another content of some rrset, as a content PATCH does.
          const [key, rrset] = [...zone.entries()][Math.floor(rand() * zone.size)];
          const content = recordContentKey(rrset.type, rrset.records[0].content, DOMAIN.name);
          const id = deriveRecordId({ zoneId: DOMAIN.id, fqdn: rrset.name, type: rrset.type }, 'x');
          pins = new Map([...pins, [key, [{ content, id }]]]);
          index.setPins(pins);
        }
        check();
      }
    },
  );

  it('keeps a page a slice: the zone size does not change what a page costs', () => {
    const rrsets: WorkingRRSet[] = Array.from({ length: 20_000 }, (_, i) => ({
      name: `h${i}.example.com.`,
      type: 'A',
      ttl: 300,
      records: [{ content: `10.0.${i >> 8}.${i & 255}`, disabled: i % 7 === 0 }],
    }));
    const index = new ZoneRecords(DOMAIN, rrsets, new Map());
    const page = index.select({ includeSystem: false, fence: ALL }, 5000, 50);
    expect(page.total).toBe(20_000);
    expect(page.rows).toHaveLength(50);
    expect(index.select({ includeSystem: false, fence: ALL, name: 'h5' }).rows).toEqual([
      expect.objectContaining({ name: 'h5.example.com.', content: '10.0.0.5', disabled: false }),
    ]);
    expect(index.select({ includeSystem: false, fence: ALL, name: 'h7' }).rows[0].disabled).toBe(
      true,
    );
  });
});

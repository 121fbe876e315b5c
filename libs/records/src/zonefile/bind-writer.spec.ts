import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBindZone } from './bind-parser';
import { writeBindZone } from './bind-writer';
import type { ZoneRrset } from './zone-file.types';
import { FIXTURE_RRSETS, FIXTURE_ZONE } from './zone-fixture.testing';
import { groupRecords, orderRrsets } from './zone-order';

const hasNamedCheckzone = spawnSync('named-checkzone', ['-v']).status === 0;

function checkzone(zone: string, text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'scaidns-zone-'));
  try {
    const file = join(dir, 'zone.db');
    writeFileSync(file, text);
    const run = spawnSync('named-checkzone', ['-k', 'fail', '-i', 'local', zone, file], {
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rrsets as a comparable value: sorted, records sorted. */
function normalized(rrsets: readonly ZoneRrset[]): ZoneRrset[] {
  return orderRrsets(FIXTURE_ZONE, rrsets).map((rrset) => ({
    name: rrset.name,
    type: rrset.type,
    ttl: rrset.ttl,
    records: rrset.records.map((r) => ({ content: r.content, disabled: r.disabled })),
  }));
}

describe('writeBindZone', () => {
  const text = writeBindZone(FIXTURE_ZONE, FIXTURE_RRSETS);
  const lines = text.split('\n');

  it('starts with $ORIGIN and $TTL (the SOA TTL), then the SOA, then the apex NS', () => {
    expect(lines[0]).toBe('$ORIGIN example.com.');
    expect(lines[1]).toBe('$TTL 3600');
    expect(lines[2]).toMatch(/^@\s+3600 IN SOA ns1\.example\.com\. hostmaster/);
    expect(lines[3]).toMatch(/^@\s+3600 IN NS ns1\.example\.com\.$/);
    expect(lines[4]).toMatch(/^@\s+3600 IN NS ns2\.example\.net\.$/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes the other rrsets in canonical name order, then by type, names relative', () => {
    const owners = lines
      .slice(5)
      .filter((line) => line !== '' && !line.startsWith(';') && !/^\s/.test(line))
      .map((line) => `${line.split(/\s+/)[0]} ${line.split(/\s+/)[3]}`);
    expect(owners.slice(0, 3)).toEqual(['@ CAA', '@ CAA', '@ MX']);
    // The apex first, then children after their parent (www before _443._tcp.www).
    expect(owners.indexOf('www A')).toBeLessThan(owners.indexOf('_443._tcp.www TLSA'));
    expect(owners.indexOf('www A')).toBeLessThan(owners.indexOf('www AAAA'));
    expect(owners.indexOf('*.dev A')).toBeGreaterThan(owners.indexOf('@ TXT'));
  });

  it('writes disabled records as "; disabled:" comments', () => {
    expect(lines).toContainEqual(
      expect.stringMatching(/^; disabled: old\s+300\s+IN A 192\.0\.2\.99$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^old\s+300\s+IN A 192\.0\.2\.98$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^; disabled: gone\s+300\s+IN TXT "all disabled; still kept"$/),
    );
  });

  it('writes ALIAS in the generic form BIND loads, with the target in a comment', () => {
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^alias\s+300\s+IN TYPE65401 \\# 20 06746172676574076578616d706c65036e657400 ; ALIAS target\.example\.net\.$/,
      ),
    );
  });

  it('wraps a long TXT of several strings in parentheses, one string per line', () => {
    const start = lines.findIndex((line) => line.startsWith('long '));
    expect(lines[start]).toMatch(/IN TXT \( "a{255}"$/);
    expect(lines[start + 1]).toMatch(/^\s+"b{120}" \)$/);
  });

  it('writes names outside the zone as absolute names and a lone stray newline as a space', () => {
    const out = writeBindZone('example.com', [
      {
        name: 'EXAMPLE.COM.',
        type: 'TXT',
        ttl: 60,
        records: [{ content: '"a"\n"b"', disabled: false }],
      },
      {
        name: 'other.org.',
        type: 'A',
        ttl: 60,
        records: [{ content: '192.0.2.1', disabled: false }],
      },
    ]);
    expect(out).toBe(
      '$ORIGIN example.com.\n$TTL 60\n@          60 IN TXT "a" "b"\nother.org. 60 IN A 192.0.2.1\n',
    );
  });

  it('without an SOA uses the most common TTL for $TTL and skips empty rrsets', () => {
    const out = writeBindZone('example.com.', [
      {
        name: 'a.example.com.',
        type: 'A',
        ttl: 60,
        records: [{ content: '192.0.2.1', disabled: false }],
      },
      {
        name: 'b.example.com.',
        type: 'A',
        ttl: 300,
        records: [{ content: '192.0.2.2', disabled: false }],
      },
      {
        name: 'c.example.com.',
        type: 'A',
        ttl: 300,
        records: [{ content: '192.0.2.3', disabled: false }],
      },
      { name: 'd.example.com.', type: 'A', ttl: 300, records: [] },
    ]);
    expect(out.split('\n')[1]).toBe('$TTL 300');
    expect(out).not.toContain('d ');
  });

  it('round trip: write → parse gives the same rrsets (disabled records and ALIAS included)', () => {
    const parsed = parseBindZone(text, { origin: FIXTURE_ZONE, defaultTtl: 1 });
    expect(parsed.errors).toEqual([]);
    expect(normalized(groupRecords(parsed.records))).toEqual(normalized(FIXTURE_RRSETS));
  });

  it('round trip: write → parse → write gives the same text', () => {
    const parsed = parseBindZone(text, { origin: FIXTURE_ZONE, defaultTtl: 1 });
    expect(writeBindZone(FIXTURE_ZONE, groupRecords(parsed.records))).toBe(text);
  });

  const withCheckzone = hasNamedCheckzone ? it : it.skip;
  if (!hasNamedCheckzone) {
    console.warn(
      'named-checkzone is not installed (bind9utils): skipping the BIND acceptance test',
    );
  }
  withCheckzone('is accepted by named-checkzone (every type, long and escaped TXT)', () => {
    const result = checkzone('example.com', text);
    expect(result.output).toContain('OK');
    expect(result.status).toBe(0);
  });

  withCheckzone('named-checkzone check: a broken file is refused (the test can fail)', () => {
    const result = checkzone('example.com', text.replace('IN A 192.0.2.1', 'IN A 192.0.2'));
    expect(result.status).not.toBe(0);
  });
});

import type { Domain } from '@app/core';
import {
  type Caller,
  type PrincipalAccess,
  SYSTEM_ROLE_PERMISSIONS,
  ZoneAccess,
} from '@app/identity';
import { type WorkingRRSet, type ZonePolicy, ZoneWorkingSet } from './zone-working-set';

const domain = { id: 'd1', tenantId: 't1', name: 'example.com' } as unknown as Domain;
const caller = { userId: 'u1', tenantId: 't1' } as unknown as Caller;
const admin: PrincipalAccess = {
  roles: [
    {
      roleId: 'r',
      roleName: 'tenant_admin',
      permissions: SYSTEM_ROLE_PERMISSIONS.tenant_admin,
      scopeType: 'tenant',
      scopeId: 't1',
      expiresAt: null,
    },
  ],
  grants: [],
  narrowTo: null,
};
const acme: PrincipalAccess = {
  roles: [],
  grants: [
    {
      grantId: 'g',
      domainId: 'd1',
      roleName: 'domain_admin',
      permissions: SYSTEM_ROLE_PERMISSIONS.domain_admin,
      recordPattern: '_acme-challenge',
      recordTypes: ['TXT'],
      expiresAt: null,
    },
  ],
  narrowTo: null,
};
const policy = (access: ZoneAccess): ZonePolicy => ({
  zone: 'example.com',
  access,
  ttl: { min: 60, max: 86400 },
});
const ADMIN = policy(ZoneAccess.of(caller, admin, domain));
const ACME = policy(ZoneAccess.of(caller, acme, domain));
const PLATFORM = policy(ZoneAccess.platform(domain));

const rr = (name: string, type: string, ...contents: string[]): WorkingRRSet => ({
  name,
  type,
  ttl: 3600,
  records: contents.map((content) => ({ content, disabled: false })),
});
const APEX = 'example.com.';
const zone = () =>
  ZoneWorkingSet.of(
    [
      rr(APEX, 'SOA', 'ns1.example.net. hostmaster.example.com. 7 10800 3600 604800 3600'),
      rr(APEX, 'NS', 'ns1.example.net.'),
      rr('www.example.com.', 'A', '192.0.2.1'),
      rr('_acme-challenge.example.com.', 'TXT', '"old"'),
    ],
    [APEX, 'www.example.com.', 'ftp.example.com.', '_acme-challenge.example.com.'],
    7,
  );
const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; detail: unknown; message: string };
  }
  throw new Error('expected a failure');
};

describe('ZoneWorkingSet.attempt', () => {
  it('keeps a change that passes and sends it as one REPLACE', () => {
    const ws = zone();
    ws.attempt((z) => z.put(rr('ftp.example.com.', 'A', '192.0.2.9')), ADMIN);
    expect(ws.changes()).toEqual([
      {
        name: 'ftp.example.com.',
        type: 'A',
        changetype: 'REPLACE',
        ttl: 3600,
        records: [{ content: '192.0.2.9', disabled: false }],
      },
    ]);
  });

  it('refuses a CNAME beside other data (409) and leaves the set as it was', () => {
    const ws = zone();
    const error = failure(() =>
      ws.attempt((z) => z.put(rr('www.example.com.', 'CNAME', 'lb.example.net.')), ADMIN),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.detail).toMatchObject({ rule: 'cname-exclusive', field: 'name' });
    expect(ws.changes()).toEqual([]);
    expect(ws.get('www.example.com.', 'CNAME')).toBeUndefined();
  });

  it('judges the whole change: A out and CNAME in at one name is fine in either order', () => {
    const ws = zone();
    ws.attempt((z) => {
      z.put(rr('www.example.com.', 'CNAME', 'lb.example.net.'));
      z.put({ ...rr('www.example.com.', 'A'), records: [] });
    }, ADMIN);
    expect(ws.changes().map((c) => `${c.changetype} ${c.type}`)).toEqual([
      'DELETE A',
      'REPLACE CNAME',
    ]);
  });

  it('keeps the apex SOA and NS for the platform', () => {
    const ns = rr(APEX, 'NS', 'ns9.example.net.');
    expect(failure(() => zone().attempt((z) => z.put(ns), ADMIN)).detail).toMatchObject({
      rule: 'platform-managed',
    });
    const ws = zone();
    ws.attempt((z) => z.put(ns), PLATFORM);
    expect(ws.changes()).toHaveLength(1);
  });

  it('refuses any rrset outside the actor’s fence (403), whatever the code meant', () => {
    const ws = zone();
    ws.attempt((z) => z.put(rr('_acme-challenge.example.com.', 'TXT', '"new"')), ACME);
    const error = failure(() =>
      ws.attempt((z) => z.put({ ...rr('www.example.com.', 'A'), records: [] }), ACME),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('A records of www');
    expect(ws.changes()).toHaveLength(1);
  });

  it('checks the TTL a change sets against the bounds, not TTLs it leaves alone', () => {
    const error = failure(() =>
      zone().attempt((z) => z.put({ ...rr('ftp.example.com.', 'A', '192.0.2.9'), ttl: 5 }), ADMIN),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.detail).toMatchObject({ field: 'ttl' });
    const odd = ZoneWorkingSet.of(
      [{ ...rr('www.example.com.', 'A', '192.0.2.1'), ttl: 5 }],
      ['www.example.com.'],
    );
    odd.attempt(
      (z) => z.put({ ...rr('www.example.com.', 'A', '192.0.2.1', '192.0.2.2'), ttl: 5 }),
      ADMIN,
    );
    expect(odd.changes()).toHaveLength(1);
  });

  it('refuses new content PowerDNS would not print back the same, naming the form', () => {
    const error = failure(() =>
      zone().attempt((z) => z.put(rr('ftp.example.com.', 'MX', '10 Mail.Example.com.')), ADMIN),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('10 mail.example.com.');
    expect(
      failure(() => zone().attempt((z) => z.put(rr('ftp.example.com.', 'A', '300.1.1.1')), ADMIN))
        .code,
    ).toBe('BAD_REQUEST');
  });

  it('nested attempts fail alone: one bad record of a bulk does not sink the rest', () => {
    const names = ['h0.example.com.', 'h1.example.com.', 'h2.example.com.'];
    const ws = ZoneWorkingSet.of([], names);
    const add = (z: ZoneWorkingSet, name: string, ip: string) => {
      try {
        z.attempt((t) => t.put(rr(name, 'A', ip)));
        return 'ok';
      } catch {
        return 'refused';
      }
    };
    const outcomes = ws.attempt(
      (z) => [add(z, names[0], '192.0.2.7'), add(z, names[1], 'x'), add(z, names[2], '192.0.2.8')],
      ADMIN,
    );
    expect(outcomes).toEqual(['ok', 'refused', 'ok']);
    expect(ws.changes().map((c) => c.name)).toEqual([names[0], names[2]]);
  });

  it('refuses writes outside an attempt and to names the change did not declare', () => {
    expect(() => zone().put(rr('ftp.example.com.', 'A', '192.0.2.9'))).toThrow(/attempt/);
    expect(() =>
      zone().attempt((z) => z.put(rr('other.example.com.', 'A', '192.0.2.9')), ADMIN),
    ).toThrow(/without declaring it/);
  });

  it('knows the serial PowerDNS held when it was loaded', () => {
    expect(zone().serial).toBe(7);
  });

  it('reports each commit difference by content: added, removed, and re-contented records carried', () => {
    const z = zone();
    z.attempt((ws) => {
      ws.put(rr('www.example.com.', 'A', '192.0.2.9', '192.0.2.10'));
      ws.carry('WWW.example.com.', 'a', '192.0.2.1', '192.0.2.9');
      ws.put(rr('ftp.example.com.', 'A', '192.0.2.20'));
    }, ADMIN);
    // A refused attempt leaves neither its records nor its carries behind.
    expect(() =>
      z.attempt((ws) => {
        ws.carry('_acme-challenge.example.com.', 'TXT', '"old"', '"new"');
        ws.put(rr('_acme-challenge.example.com.', 'TXT', '"new"'));
      }, ACME),
    ).not.toThrow();
    expect(() =>
      z.attempt((ws) => {
        ws.carry('www.example.com.', 'A', '192.0.2.10', '192.0.2.11');
        ws.put(rr('www.example.com.', 'CNAME', 'elsewhere.example.net.'));
      }, ADMIN),
    ).toThrow();
    const changes = z.contentChanges();
    expect(changes).toEqual(
      expect.arrayContaining([
        {
          name: 'www.example.com.',
          type: 'A',
          added: ['192.0.2.9', '192.0.2.10'],
          removed: ['192.0.2.1'],
          carried: [{ from: '192.0.2.1', to: '192.0.2.9' }],
        },
        { name: 'ftp.example.com.', type: 'A', added: ['192.0.2.20'], removed: [], carried: [] },
        {
          name: '_acme-challenge.example.com.',
          type: 'TXT',
          added: ['"new"'],
          removed: ['"old"'],
          carried: [{ from: '"old"', to: '"new"' }],
        },
      ]),
    );
    expect(changes).toHaveLength(3);
  });

  it('carries its commit time to its forks', () => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    const z = ZoneWorkingSet.of(
      [rr('www.example.com.', 'A', '192.0.2.1')],
      ['www.example.com.'],
      1,
      now,
    );
    expect(z.attempt((ws) => ws.now, ADMIN)).toBe(now);
  });
});

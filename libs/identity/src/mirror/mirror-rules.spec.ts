import {
  isNewer,
  isStale,
  parseStamp,
  scaikeyRolesUpdate,
  tenantStatusFor,
  userStatusFor,
} from './mirror-rules';

describe('identity mirror rules', () => {
  it.each([
    ['active', true, 'active'],
    ['suspended', true, 'suspended'],
    ['deleted', true, 'inactive'],
    ['active', false, 'inactive'],
    ['suspended', false, 'inactive'],
  ] as const)('a user %s in ScaiKey, assigned=%s, is %s here', (scaikey, assigned, expected) => {
    expect(userStatusFor(scaikey, assigned)).toBe(expected);
  });

  it('suspends tenants ScaiKey suspended or deleted', () => {
    expect(tenantStatusFor('active')).toBe('active');
    expect(tenantStatusFor('suspended')).toBe('suspended');
    expect(tenantStatusFor('deleted')).toBe('suspended');
  });

  describe('ordering (stamps in microseconds since the epoch)', () => {
    const T = parseStamp('2030-01-01T00:00:02.000000Z') as number;
    const ms = 1000;

    it.each([
      ['1 ms older', T - ms, T, true],
      ['1 µs older', T - 1, T, true],
      ['exactly as old (a tie is applied)', T, T, false],
      ['1 µs newer', T + 1, T, false],
      ['1 ms newer', T + ms, T, false],
      ['without a stamp', null, T, false],
      ['over nothing stamped yet', T, null, false],
    ])('state %s is stale: %s', (_what, incoming, stored, stale) => {
      expect(isStale(incoming, stored)).toBe(stale);
    });

    it('sees events 1 ms apart in both orders (what whole seconds could not)', () => {
      const removed = parseStamp('2030-01-01T00:00:02.401Z');
      const added = parseStamp('2030-01-01T00:00:02.400Z');
      expect(isStale(added, removed)).toBe(true);
      expect(isStale(removed, added)).toBe(false);
    });

    it('moves the stored stamp only forward', () => {
      expect(isNewer(T + 1, T)).toBe(true);
      expect(isNewer(T, T)).toBe(false);
      expect(isNewer(T - 1, T)).toBe(false);
      expect(isNewer(T, null)).toBe(true);
      expect(isNewer(null, T)).toBe(false);
    });
  });

  describe('parseStamp', () => {
    it.each([
      ['2030-01-01T00:00:00Z', 1_893_456_000_000_000],
      ['2030-01-01T00:00:00.5Z', 1_893_456_000_500_000],
      ['2030-01-01T00:00:00.123Z', 1_893_456_000_123_000],
      ['2030-01-01T00:00:00.123456Z', 1_893_456_000_123_456],
      ['2030-01-01T00:00:00.123456789Z', 1_893_456_000_123_456],
      ['2030-01-01T00:00:00.000001+00:00', 1_893_456_000_000_001],
      ['2030-01-01T02:00:00.25+02:00', 1_893_456_000_250_000],
      ['2029-12-31T19:00:00-0500', 1_893_456_000_000_000],
      ['2030-01-01 00:00:00.75', 1_893_456_000_750_000],
      ['2030-01-01T00:00:00', 1_893_456_000_000_000],
    ])('reads %s to the microsecond', (iso, micros) => {
      expect(parseStamp(iso)).toBe(micros);
    });

    it('reads unix seconds, fractions included', () => {
      expect(parseStamp(1_900_000_000)).toBe(1_900_000_000_000_000);
      expect(parseStamp(1_900_000_000.25)).toBe(1_900_000_000_250_000);
    });

    it.each(['yesterday', '2030-02-30T00:00:00Z', '2030-01-01T24:00:00Z', '2030-01-01', ''])(
      'refuses %p',
      (value) => {
        expect(parseStamp(value)).toBeNull();
      },
    );

    it('refuses what is not a time at all', () => {
      expect(parseStamp(undefined)).toBeNull();
      expect(parseStamp(null)).toBeNull();
      expect(parseStamp(Number.NaN)).toBeNull();
      expect(parseStamp({})).toBeNull();
    });
  });

  describe('scaikeyRolesUpdate (ScaiKey admin roles kept with the user)', () => {
    const T = 1_900_000_000_000_000;

    it('stores new roles in canonical form with their stamp', () => {
      expect(
        scaikeyRolesUpdate(
          { roles: null, stamp: null },
          { roles: ['user', ' Tenant_Admin', 'super_admin', 'tenant_admin'], stamp: T },
        ),
      ).toEqual({ roles: ['super_admin', 'tenant_admin'], changed: true, stamp: T });
    });

    it('takes roles ScaiKey took away', () => {
      expect(
        scaikeyRolesUpdate(
          { roles: ['tenant_admin'], stamp: T },
          { roles: ['user'], stamp: T + 1 },
        ),
      ).toEqual({ roles: [], changed: true, stamp: T + 1 });
    });

    it('refuses roles older than the stored ones, even by a microsecond', () => {
      expect(
        scaikeyRolesUpdate({ roles: [], stamp: T }, { roles: ['tenant_admin'], stamp: T - 1 }),
      ).toBeNull();
    });

    it('applies roles exactly as old as the stored ones (the tie rule)', () => {
      expect(
        scaikeyRolesUpdate({ roles: ['tenant_admin'], stamp: T }, { roles: [], stamp: T }),
      ).toEqual({ roles: [], changed: true, stamp: T });
    });

    it('calls the same admin roles unchanged, whatever else is named; a newer stamp still counts', () => {
      expect(
        scaikeyRolesUpdate(
          { roles: ['tenant_admin'], stamp: T },
          { roles: ['user', 'TENANT_ADMIN'], stamp: T + 5 },
        ),
      ).toEqual({ roles: ['tenant_admin'], changed: false, stamp: T + 5 });
      expect(
        scaikeyRolesUpdate({ roles: null, stamp: null }, { roles: ['user'], stamp: null }),
      ).toEqual({ roles: [], changed: false, stamp: null });
    });

    describe("a token's claim, stamped to the second (iat)", () => {
      const S = 1_000_000;
      const iat = T; // the token was issued somewhere in [T, T + 1 s)
      const token = (roles: string[], stamp = iat) => ({ roles, stamp, resolution: S });

      it('a token issued in a later second than the stored roles replaces them', () => {
        expect(scaikeyRolesUpdate({ roles: [], stamp: T - S }, token(['tenant_admin']))).toEqual({
          roles: ['tenant_admin'],
          changed: true,
          stamp: T,
        });
      });

      it('a token of an earlier second than the stored roles changes nothing', () => {
        expect(scaikeyRolesUpdate({ roles: [], stamp: T + S }, token(['tenant_admin']))).toBeNull();
        // A webhook 1 µs into the next second is surely newer than a token of this one.
        expect(
          scaikeyRolesUpdate({ roles: [], stamp: T + S }, token(['tenant_admin'], T)),
        ).toBeNull();
      });

      it('in the same second it may take roles away, never add them', () => {
        // A webhook removed the role at T + 0.4 s; a token of second T may predate it.
        expect(
          scaikeyRolesUpdate({ roles: [], stamp: T + 400_000 }, token(['tenant_admin'])),
        ).toEqual({ roles: [], changed: false, stamp: T + 400_000 });
        // Two tokens of one second: the one without the role wins, whichever arrives last.
        const first = scaikeyRolesUpdate({ roles: null, stamp: null }, token(['tenant_admin']));
        expect(first).toEqual({ roles: ['tenant_admin'], changed: true, stamp: T });
        const second = scaikeyRolesUpdate({ roles: first!.roles, stamp: T }, token(['user']));
        expect(second).toEqual({ roles: [], changed: true, stamp: T });
        const again = scaikeyRolesUpdate({ roles: [], stamp: T }, token(['tenant_admin']));
        expect(again).toEqual({ roles: [], changed: false, stamp: T });
        // Partly: what both name stays.
        expect(
          scaikeyRolesUpdate(
            { roles: ['super_admin', 'tenant_admin'], stamp: T + 1 },
            token(['tenant_admin', 'partner_admin']),
          ),
        ).toEqual({ roles: ['tenant_admin'], changed: true, stamp: T + 1 });
      });
    });

    it('without a stamp: applies, and keeps the stored stamp', () => {
      expect(
        scaikeyRolesUpdate({ roles: ['tenant_admin'], stamp: T }, { roles: [], stamp: null }),
      ).toEqual({ roles: [], changed: true, stamp: T });
    });
  });
});

import {
  AuditLog,
  buildDataSourceOptions,
  Group,
  GroupMembership,
  parseDatabaseUrl,
  Partner,
  Tenant,
  User,
} from '@app/core';
import { DataSource, Not } from 'typeorm';
import { runScaidns } from './support/cli';
import {
  createScaiKeyStandIn,
  type GroupRecord,
  type PartnerRecord,
  type ScaiKeyStandIn,
  type TenantRecord,
  type UserRecord,
} from './support/scaikey';

const KINDS = ['partners', 'tenants', 'users', 'groups', 'memberships'] as const;
type Kind = (typeof KINDS)[number];
type Counts = Record<Kind, [created: number, updated: number, deactivated: number]>;

/** The counts table `scaidns sync` prints. */
function countsOf(out: string): Counts {
  const counts = {} as Counts;
  for (const kind of KINDS) {
    const match = new RegExp(`^${kind}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$`, 'm').exec(out);
    if (!match) throw new Error(`no ${kind} line in:\n${out}`);
    counts[kind] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  return counts;
}

const USERS_PER_TENANT = 75;

interface SeededTenant {
  tenant: TenantRecord;
  users: UserRecord[];
  groups: { all: GroupRecord; teamA: GroupRecord; teamB: GroupRecord; teamBSub: GroupRecord };
}

/**
 * `scaidns sync` (the built CLI) against a stand-in seeded with 4 tenants of 2 partners, 300 users
 * (some suspended, some deleted), and nested groups through which the application is assigned.
 */
describe('scaidns sync (e2e)', () => {
  let standIn: ScaiKeyStandIn;
  let ds: DataSource;
  let partners: PartnerRecord[];
  let seeded: SeededTenant[];
  const sync = (args: string[] = [], env: Record<string, string> = {}) =>
    runScaidns(['sync', ...args], { ...process.env, ...standIn.env(), ...env });

  beforeAll(async () => {
    standIn = createScaiKeyStandIn({ seedDevUser: false });
    await standIn.start();
    const d = standIn.directory;
    const app = standIn.application.id;
    partners = [d.addPartner({ name: 'Partner A' }), d.addPartner({ name: 'Partner B' })];
    seeded = [0, 1, 2, 3].map((i) => {
      const tenant = d.addTenant({ partner_id: partners[Math.floor(i / 2)].id });
      // Users 0-2 suspended, 3-4 deleted, 5-24 in team-a, 25-39 in team-b, 40-44 in team-b-sub.
      const users = Array.from({ length: USERS_PER_TENANT }, (_, j) =>
        d.addUser({
          tenant_id: tenant.id,
          status: j < 3 ? 'suspended' : j < 5 ? 'deleted' : 'active',
        }),
      );
      const ids = (from: number, to: number) => users.slice(from, to).map((u) => u.id);
      const teamBSub = d.addGroup({
        tenant_id: tenant.id,
        name: 'team-b-sub',
        members: ids(40, 45),
      });
      const teamB = d.addGroup({
        tenant_id: tenant.id,
        name: 'team-b',
        members: [...ids(25, 40), teamBSub.id],
      });
      const teamA = d.addGroup({ tenant_id: tenant.id, name: 'team-a', members: ids(5, 25) });
      const all = d.addGroup({ tenant_id: tenant.id, name: 'all', members: [teamA.id, teamB.id] });
      // Tenants 0-2 use ScaiDNS: the "all" group (nested teams) and two users directly.
      if (i < 3) for (const id of [all.id, users[45].id, users[0].id]) d.assign(app, id);
      return { tenant, users, groups: { all, teamA, teamB, teamBSub } };
    });
    const db = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
    if (typeof db === 'string') throw new Error(db);
    ds = await new DataSource(buildDataSourceOptions(db, 2)).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await standIn?.stop();
  });

  const usersOf = (tenant: TenantRecord, status: User['status']) =>
    ds.getRepository(User).count({
      where: { tenant: { scaikeyId: tenant.id }, status },
      relations: { tenant: true },
    });

  it('mirrors everything, with exact counts; rows ScaiKey does not list are deactivated', async () => {
    // Whatever earlier suites left in the database is unknown to this ScaiKey: it is deactivated.
    const leftovers = {
      partners: await ds.getRepository(Partner).countBy({ status: Not('deleted') }),
      tenants: await ds.getRepository(Tenant).countBy({ status: 'active' }),
      activeUsers: await ds.getRepository(User).countBy({ status: 'active' }),
      otherUsers: await ds
        .getRepository(User)
        .countBy({ status: Not('active'), scaikeyStatus: Not('deleted') }),
      groups: await ds.getRepository(Group).count(),
    };

    const { code, out } = await sync();
    expect(code).toBe(0);
    expect(out).toMatch(/^progress: users 300 fetched$/m);
    expect(out).toMatch(/^progress: assigned users 126 fetched$/m);
    expect(out).toContain(
      'ScaiKey holds 2 partners, 4 tenants, 300 users, 16 groups, 172 memberships',
    );
    expect(countsOf(out)).toEqual({
      partners: [2, 0, leftovers.partners],
      tenants: [4, 0, leftovers.tenants],
      // Deleted users ScaiDNS never knew are not created.
      users: [4 * 73, leftovers.otherUsers, leftovers.activeUsers],
      groups: [16, 0, leftovers.groups],
      // all ∋ 2 teams, team-a ∋ 20, team-b ∋ 15 + team-b-sub, team-b-sub ∋ 5: 43 per tenant.
      memberships: [4 * 43, 0, 0],
    });

    // Assigned (through nested groups or directly) and active: 41; suspended: 1; the rest inactive.
    const [t0, , , t3] = seeded;
    expect(await usersOf(t0.tenant, 'active')).toBe(41);
    expect(await usersOf(t0.tenant, 'suspended')).toBe(1);
    expect(await usersOf(t0.tenant, 'inactive')).toBe(73 - 42);
    expect(await usersOf(t3.tenant, 'inactive')).toBe(73);
    const teamB = await ds.getRepository(Group).findOneByOrFail({ scaikeyId: t0.groups.teamB.id });
    const teamBSub = await ds
      .getRepository(Group)
      .findOneByOrFail({ scaikeyId: t0.groups.teamBSub.id });
    expect(
      await ds
        .getRepository(GroupMembership)
        .existsBy({ groupId: teamB.id, memberType: 'group', memberId: teamBSub.id }),
    ).toBe(true);
    expect(
      await ds
        .getRepository(AuditLog)
        .countBy({ action: 'identity.user.create', actorType: 'system', actorId: 'scaidns-sync' }),
    ).toBeGreaterThanOrEqual(292);
  });

  it('a second run changes nothing', async () => {
    const { code, out } = await sync();
    expect(code).toBe(0);
    expect(countsOf(out)).toEqual({
      partners: [0, 0, 0],
      tenants: [0, 0, 0],
      users: [0, 0, 0],
      groups: [0, 0, 0],
      memberships: [0, 0, 0],
    });
    expect(out).toContain('Sync complete: no changes.');
  });

  it('picks up exactly what changed in ScaiKey; --dry-run shows it first and writes nothing', async () => {
    const d = standIn.directory;
    const app = standIn.application.id;
    const [t0, t1, t2] = seeded;
    d.updatePartner(partners[0].id, { name: 'Partner A (renamed)' });
    d.updateTenant(t1.tenant.id, { status: 'suspended' });
    for (const user of t0.users.slice(5, 10)) d.updateUser(user.id, { display_name: 'Renamed' });
    for (const user of t0.users.slice(10, 13)) d.deleteUser(user.id);
    d.unassign(app, t0.users[45].id);
    const newcomers = Array.from({ length: 10 }, () => d.addUser({ tenant_id: t2.tenant.id }));
    for (const user of newcomers.slice(0, 4)) d.addMember(t2.groups.teamA.id, user.id);
    for (const user of t2.users.slice(25, 27)) d.removeMember(t2.groups.teamB.id, user.id);
    d.updateGroup(t2.groups.teamA.id, { name: 'team-a (renamed)' });

    const expected: Counts = {
      partners: [0, 1, 0],
      tenants: [0, 0, 1],
      // 10 new (4 assigned through team-a); 5 renamed; 3 deleted, 1 unassigned, 2 out of team-b.
      users: [10, 5, 6],
      groups: [0, 1, 0],
      memberships: [4, 0, 2],
    };
    const dry = await sync(['--dry-run']);
    expect(dry.code).toBe(0);
    expect(countsOf(dry.out)).toEqual(expected);
    expect(dry.out).toContain(`would deactivate tenant ${t1.tenant.id}`);
    expect(dry.out).toContain('Dry run: 30 change(s) found, nothing written.');
    expect(
      await ds.getRepository(Partner).findOneByOrFail({ scaikeyId: partners[0].id }),
    ).toMatchObject({ name: 'Partner A' });

    const real = await sync();
    expect(real.code).toBe(0);
    expect(countsOf(real.out)).toEqual(expected);
    expect(
      await ds.getRepository(Tenant).findOneByOrFail({ scaikeyId: t1.tenant.id }),
    ).toMatchObject({ status: 'suspended' });
    expect(
      await ds.getRepository(User).findOneByOrFail({ scaikeyId: t0.users[10].id }),
    ).toMatchObject({
      status: 'inactive',
      scaikeyStatus: 'deleted',
    });
    expect(
      await ds.getRepository(User).findOneByOrFail({ scaikeyId: t0.users[45].id }),
    ).toMatchObject({
      status: 'inactive',
      scaikeyStatus: 'active',
      assigned: false,
    });
    expect(
      await ds.getRepository(User).findOneByOrFail({ scaikeyId: newcomers[0].id }),
    ).toMatchObject({
      status: 'active',
    });

    const again = await sync();
    expect(again.out).toContain('Sync complete: no changes.');
  });

  it('says so clearly when SCAIKEY_APPLICATION_ID yields nobody, and leaves assignments alone', async () => {
    const empty = standIn.directory.addApplication({ id: 'app_nobody_assigned' });
    const { code, out } = await sync(['--dry-run'], { SCAIKEY_APPLICATION_ID: empty.id });
    expect(code).toBe(0);
    expect(out).toContain(
      'warning: No user of any tenant is assigned to ScaiKey application app_nobody_assigned',
    );
    expect(countsOf(out).users).toEqual([0, 0, 0]);

    const unknown = await sync([], { SCAIKEY_APPLICATION_ID: 'app_does_not_exist' });
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(
      /scaidns: ScaiKey knows no application app_does_not_exist \(SCAIKEY_APPLICATION_ID\)/,
    );
  });

  it('fails with one clear line when ScaiKey is unreachable', async () => {
    const { code, out } = await sync([], { SCAIKEY_URL: 'http://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(out).toMatch(/^scaidns: ScaiKey is unreachable/m);
  });
});

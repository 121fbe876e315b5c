import { Group, User, WebhookEvent } from '@app/core';
import request from 'supertest';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';
import type { GroupRecord, UserRecord, WebhookEvent as ScaiKeyEvent } from './support/scaikey';

const PATH = '/api/v1/webhooks/scaikey';

/**
 * Identity events ordered to ScaiKey's full precision, through the signed webhook endpoint: events
 * 1 ms (and 1 µs) apart, delivered in both orders, end the way ScaiKey ended. A tie (the same
 * stamp) is applied: see `isStale` in libs/identity/src/mirror/mirror-rules.ts.
 */
describe('identity events ordered to the sub-second (e2e)', () => {
  let h: IdentityHarness;
  let secret: string;

  beforeAll(async () => {
    h = await startIdentityHarness();
    secret = h.standIn.env().SCAIKEY_WEBHOOK_SECRET;
  });

  afterAll(async () => {
    await h.close();
  });

  /** Every test's events happen at this second, plus a few ms: within the signature window. */
  const base = () => Math.floor(Date.now() / 1000) * 1000 - 10_000;
  const at = (baseMs: number, offsetMs: number, micros = '') =>
    new Date(baseMs + offsetMs).toISOString().replace('Z', `${micros}Z`);

  const deliver = async (event: ScaiKeyEvent, emittedAt: string): Promise<string> => {
    const hook = h.standIn.buildWebhook(secret, event, { emittedAt });
    const res = await request(h.http).post(PATH).set(hook.headers).send(hook.body).expect(200);
    expect(res.body.success).toBe(true);
    return hook.envelope.event_id;
  };
  const statusOf = async (eventId: string) =>
    (await h.dataSource.getRepository(WebhookEvent).findOneByOrFail({ eventId })).status;
  const me = (who: TestUser) => request(h.http).get('/api/v1/me').set(who.auth());

  describe('group.member_added / member_removed', () => {
    /** A signed-in user and a mirrored group whose members are tenant admins. */
    async function setting(): Promise<{ user: TestUser; group: GroupRecord }> {
      const [user] = await newTenant(h, 1);
      const group = h.standIn.directory.addGroup({ tenant_id: user.record.tenant_id });
      await deliver({ event_type: 'group.created', data: { ...group } }, at(base(), -5000));
      const local = await h.dataSource
        .getRepository(Group)
        .findOneByOrFail({ scaikeyId: group.id });
      await grantSystemRole(
        h,
        { id: local.id, tenantId: user.tenantId },
        'tenant_admin',
        undefined,
        'group',
      );
      return { user, group };
    }
    const membership = (
      type: 'group.member_added' | 'group.member_removed',
      group: GroupRecord,
      user: UserRecord,
    ): ScaiKeyEvent => ({
      event_type: type,
      data: {
        group_id: group.id,
        member_id: user.id,
        member_type: 'user',
        tenant_id: group.tenant_id,
      },
      resource: { type: 'group', id: group.id },
    });
    const isAdmin = async (user: TestUser) =>
      ((await me(user).expect(200)).body.permissions as string[]).includes('roles:assign');

    it.each<[string, ['added' | 'removed', number, string?][], boolean]>([
      // [what, deliveries in arrival order as (event, ms offset, extra µs digits), member at the end]
      [
        'removed 1 ms after added, delivered late first',
        [
          ['removed', 401],
          ['added', 400],
        ],
        false,
      ],
      [
        'removed 1 ms after added, delivered in order',
        [
          ['added', 400],
          ['removed', 401],
        ],
        false,
      ],
      [
        'added 1 ms after removed, delivered late first',
        [
          ['added', 401],
          ['removed', 400],
        ],
        true,
      ],
      [
        'added 1 ms after removed, delivered in order',
        [
          ['removed', 400],
          ['added', 401],
        ],
        true,
      ],
      [
        'removed 1 µs after added, delivered late first',
        [
          ['removed', 400, '001'],
          ['added', 400, '000'],
        ],
        false,
      ],
      [
        'a tie (same stamp): the later delivery is applied',
        [
          ['removed', 400],
          ['added', 400],
        ],
        true,
      ],
    ])('%s', async (_what, deliveries, member) => {
      const { user, group } = await setting();
      const t = base();
      const ids: string[] = [];
      for (const [kind, ms, micros] of deliveries) {
        const type = kind === 'added' ? 'group.member_added' : 'group.member_removed';
        ids.push(await deliver(membership(type, group, user.record), at(t, ms, micros)));
      }
      expect(await isAdmin(user)).toBe(member);
      const lateIsOlder =
        deliveries[1][1] * 1000 + Number(deliveries[1][2] ?? 0) <
        deliveries[0][1] * 1000 + Number(deliveries[0][2] ?? 0);
      expect(await statusOf(ids[1])).toBe(lateIsOlder ? 'skipped' : 'processed');
    });

    it('a removal of a membership not mirrored yet still makes an older add stale', async () => {
      const { users } = h.standIn.directory.seedTenant({ users: 1 });
      const group = h.standIn.directory.addGroup({ tenant_id: users[0].tenant_id, members: [] });
      const t = base();
      await deliver(membership('group.member_removed', group, users[0]), at(t, 401));
      const late = await deliver(membership('group.member_added', group, users[0]), at(t, 400));
      expect(await statusOf(late)).toBe('skipped');
      // Skipped before anything was read from ScaiKey: neither the group nor a membership exists.
      expect(await h.dataSource.getRepository(Group).findOneBy({ scaikeyId: group.id })).toBeNull();
    });
  });

  describe('user.suspended / user.activated', () => {
    it.each<[string, ['suspended' | 'activated', number][], number]>([
      [
        'activated 1 ms after suspended, delivered late first',
        [
          ['activated', 501],
          ['suspended', 500],
        ],
        200,
      ],
      [
        'activated 1 ms after suspended, delivered in order',
        [
          ['suspended', 500],
          ['activated', 501],
        ],
        200,
      ],
      [
        'suspended 1 ms after activated, delivered late first',
        [
          ['suspended', 501],
          ['activated', 500],
        ],
        401,
      ],
      [
        'suspended 1 ms after activated, delivered in order',
        [
          ['activated', 500],
          ['suspended', 501],
        ],
        401,
      ],
    ])('%s', async (_what, deliveries, finalStatus) => {
      const [user] = await newTenant(h, 1);
      const t = base();
      for (const [kind, ms] of deliveries) {
        await deliver(
          {
            event_type: `user.${kind}`,
            data: { id: user.record.id, tenant_id: user.record.tenant_id },
          },
          at(t, ms),
        );
      }
      await me(user).expect(finalStatus);
      const stored = await h.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
      expect(stored.status).toBe(finalStatus === 200 ? 'active' : 'suspended');
      // Kept to the microsecond: the newest of the two stamps.
      expect(stored.scaikeyUpdatedUs).toBe((t + 501) * 1000);
    });
  });
});

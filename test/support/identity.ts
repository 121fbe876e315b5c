import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  Domain,
  type PrincipalType,
  RoleAssignment,
  type RoleScopeType,
  SYSTEM_ROLE_IDS,
  type SystemRoleName,
  Tenant,
  User,
} from '@app/core';
import { AccessService } from '@app/identity';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createTestApp } from './app';
import { createScaiKeyStandIn, type ScaiKeyStandIn, type UserRecord } from './scaikey';

/** A ScaiKey stand-in and the real API pointed at it: what auth e2e suites share. */
export interface IdentityHarness {
  readonly standIn: ScaiKeyStandIn;
  readonly app: INestApplication;
  readonly http: ReturnType<INestApplication['getHttpServer']>;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** Starts the stand-in, points SCAIKEY_* at it, then boots the API. */
export async function startIdentityHarness(): Promise<IdentityHarness> {
  const standIn = createScaiKeyStandIn();
  await standIn.start();
  Object.assign(process.env, standIn.env());
  const app = await createTestApp();
  return {
    standIn,
    app,
    http: app.getHttpServer(),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    async close() {
      await app.close();
      await standIn.stop();
    },
  };
}

/** A ScaiKey user as ScaiDNS knows it after their first request. */
export interface TestUser {
  readonly record: UserRecord;
  readonly token: string;
  readonly id: string;
  readonly tenantId: string;
  readonly partnerId: string | null;
  auth(): { Authorization: string };
}

/** Signs a user in once (the first request creates user and tenant), returning local ids. */
export async function signIn(h: IdentityHarness, record: UserRecord): Promise<TestUser> {
  const token = h.standIn.userToken(record.id);
  const res = await request(h.http).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  if (res.status !== 200)
    throw new Error(`sign-in of ${record.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { id: string; tenant: { id: string }; partner_id: string | null };
  return {
    record,
    token,
    id: body.id,
    tenantId: body.tenant.id,
    partnerId: body.partner_id,
    auth: () => ({ Authorization: `Bearer ${token}` }),
  };
}

/** A new ScaiKey tenant with `count` users, all signed in. */
export async function newTenant(h: IdentityHarness, count = 1): Promise<TestUser[]> {
  const { users } = h.standIn.directory.seedTenant({ users: count });
  const signed: TestUser[] = [];
  for (const u of users) signed.push(await signIn(h, u));
  return signed;
}

/** Gives a principal a system role straight in the database (tests set up state; the API is tested elsewhere). */
export async function grantSystemRole(
  h: IdentityHarness,
  principal: { id: string; tenantId: string },
  role: SystemRoleName,
  scope: { type: RoleScopeType; id: string | null } = { type: 'tenant', id: principal.tenantId },
  principalType: PrincipalType = 'user',
): Promise<RoleAssignment> {
  const repo = h.dataSource.getRepository(RoleAssignment);
  const saved = await repo.save(
    repo.create({
      roleId: SYSTEM_ROLE_IDS[role],
      principalType,
      principalId: principal.id,
      scopeType: scope.type,
      scopeId: scope.id,
      tenantId: principal.tenantId,
      createdBy: null,
      expiresAt: null,
    }),
  );
  await h.app.get(AccessService).invalidateAll();
  return saved;
}

let domainCounter = 0;

/** A domain row for a tenant (zones arrive with the domains issue; grants only need the row). */
export async function newDomain(
  h: IdentityHarness,
  tenantId: string,
  status: Domain['status'] = 'active',
): Promise<Domain> {
  domainCounter += 1;
  const repo = h.dataSource.getRepository(Domain);
  const name = `t${Date.now().toString(36)}${domainCounter}.example.test`;
  return repo.save(
    repo.create({
      tenantId,
      name,
      unicodeName: name,
      domainType: 'primary',
      status,
      defaultTtl: 3600,
    }),
  );
}

export async function setUserStatus(
  h: IdentityHarness,
  userId: string,
  status: User['status'],
): Promise<void> {
  await h.dataSource.getRepository(User).update({ id: userId }, { status });
  // As every path that changes a user does (webhooks, sync, admin): callers cached per token retire.
  await h.app.get(AccessService).invalidateAll();
}

export async function setTenantStatus(
  h: IdentityHarness,
  tenantId: string,
  status: Tenant['status'],
): Promise<void> {
  await h.dataSource.getRepository(Tenant).update({ id: tenantId }, { status });
  await h.app.get(AccessService).invalidateAll();
}

/** A tenant admin who may skip ownership validation, and an active zone it made through the API. */
export interface ZoneFixture {
  readonly admin: TestUser;
  readonly domainId: string;
  /** The zone's name, without the trailing dot. */
  readonly zone: string;
  /** Hard-deletes the zone (for afterAll). */
  remove(): Promise<void>;
}

export async function newActiveZone(h: IdentityHarness, prefix: string): Promise<ZoneFixture> {
  const [admin] = await newTenant(h, 1);
  await grantSystemRole(h, admin, 'tenant_admin');
  await grantSystemRole(h, admin, 'validation_bypass');
  const zone = `${prefix}${Date.now().toString(36)}.example.com`;
  const res = await request(h.http)
    .post('/api/v1/domains')
    .set(admin.auth())
    .send({ name: zone })
    .expect(200);
  expect(res.body.status).toBe('active');
  const domainId = res.body.id as string;
  return {
    admin,
    domainId,
    zone,
    remove: async () => {
      await request(h.http).delete(`/api/v1/domains/${domainId}?hard=true`).set(admin.auth());
    },
  };
}

import { DirectoryError, type UserRecord } from './directory';
import {
  bearerToken,
  type Exchange,
  jsonObject,
  type Route,
  sendDetail,
  sendEmpty,
  sendJson,
} from './http-kit';
import { verifyJwt } from './jwt';
import type { StandInContext } from './stand-in-context';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** The stand-in's password policy: what a real ScaiKey tenant's policy refuses at the least. */
const MIN_PASSWORD_LENGTH = 8;
const GROUP_TYPES = ['SECURITY', 'DISTRIBUTION_LIST'];

/** The admin API (client_credentials tokens with admin:read / admin:write). */
export function adminRoutes(ctx: StandInContext): Route[] {
  const d = ctx.directory;
  const read = (handle: (ex: Exchange, params: string[]) => void) =>
    guarded(ctx, 'admin:read', handle);
  const write = (handle: (ex: Exchange, params: string[]) => void) =>
    guarded(ctx, 'admin:write', handle);
  const filters = (ex: Exchange) => {
    const q = ex.url.searchParams;
    const pick = (name: string) => q.get(name) || undefined;
    return {
      tenant_id: pick('tenant_id'),
      partner_id: pick('partner_id'),
      status: pick('status'),
      email: pick('email')?.toLowerCase(),
    };
  };
  return [
    route(
      'GET',
      '/api/v1/admin/partners',
      read((ex) => paged(ex, d.listPartners(filters(ex)))),
    ),
    route(
      'GET',
      '/api/v1/admin/tenants',
      read((ex) => paged(ex, d.listTenants(filters(ex)))),
    ),
    route(
      'GET',
      '/api/v1/admin/users',
      read((ex) => {
        const { email, ...rest } = filters(ex);
        paged(
          ex,
          d.listUsers(rest).filter((u) => !email || u.email === email),
        );
      }),
    ),
    route(
      'GET',
      '/api/v1/admin/groups',
      read((ex) => paged(ex, d.listGroups(filters(ex)))),
    ),
    route(
      'GET',
      '/api/v1/admin/partners/([^/]+)',
      read((ex, [id]) => one(ex, d.getPartner(id))),
    ),
    route(
      'GET',
      '/api/v1/admin/tenants/([^/]+)',
      read((ex, [id]) => one(ex, d.getTenant(id))),
    ),
    route(
      'GET',
      '/api/v1/admin/users/([^/]+)',
      read((ex, [id]) => one(ex, d.getUser(id))),
    ),
    route(
      'GET',
      '/api/v1/admin/groups/([^/]+)',
      read((ex, [id]) => one(ex, d.getGroup(id))),
    ),
    route(
      'GET',
      '/api/v1/admin/groups/([^/]+)/members',
      read((ex, [id]) => paged(ex, d.groupMembers(id))),
    ),
    route(
      'GET',
      '/api/v1/tenants/([^/]+)/applications/([^/]+)/effective-users',
      read((ex, [tenantId, appId]) => paged(ex, d.effectiveUsers(appId, tenantId))),
    ),
    route(
      'POST',
      '/api/v1/admin/users',
      write((ex) => createUser(ctx, ex)),
    ),
    route(
      'POST',
      '/api/v1/admin/users/invite',
      write((ex) => createUser(ctx, ex, { invite: true })),
    ),
    route(
      'POST',
      '/api/v1/admin/users/([^/]+)/resend-invite',
      write((ex, [id]) => {
        const user = liveUser(ctx, id);
        if (d.hasPassword(id)) {
          throw new DirectoryError(409, `user ${id} has accepted the invitation already`);
        }
        invite(ctx, user);
        sendEmpty(ex.res, 204);
      }),
    ),
    route(
      'POST',
      '/api/v1/admin/users/([^/]+)/password',
      write((ex, [id]) => {
        liveUser(ctx, id);
        const body = jsonObject(ex);
        if (typeof body === 'string') return sendDetail(ex.res, 422, body);
        const problem = passwordProblem(body.password);
        if (problem) return sendDetail(ex.res, 422, problem);
        d.setPassword(id, body.password as string);
        sendEmpty(ex.res, 204);
      }),
    ),
    route(
      'POST',
      '/api/v1/admin/groups',
      write((ex) => createGroup(ctx, ex)),
    ),
    route(
      'PATCH',
      '/api/v1/admin/tenants/([^/]+)',
      write((ex, [id]) => updateTenant(ctx, ex, id)),
    ),
    route(
      'PATCH',
      '/api/v1/admin/users/([^/]+)',
      write((ex, [id]) => updateUser(ctx, ex, id)),
    ),
    route(
      'DELETE',
      '/api/v1/admin/users/([^/]+)',
      write((ex, [id]) => {
        liveUser(ctx, id);
        d.deleteUser(id);
        ctx.grants.revokeUser(id);
        sendEmpty(ex.res, 204);
      }),
    ),
  ];
}

/** Application registration (public, no auth). */
export function registrationRoutes(ctx: StandInContext): Route[] {
  return [
    route('POST', '/api/v1/public/register/applications', (ex) => {
      const body = jsonObject(ex);
      if (typeof body === 'string') return sendDetail(ex.res, 422, body);
      if (typeof body.name !== 'string' || body.name.trim() === '') {
        return sendDetail(ex.res, 422, 'name is required');
      }
      const uris = body.redirect_uris ?? [];
      if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string' && isUrl(u))) {
        return sendDetail(ex.res, 422, 'redirect_uris must be a list of absolute URLs');
      }
      const record = ctx.registrations.submit(body);
      sendJson(ex.res, 201, {
        request_id: record.request_id,
        status_token: record.status_token,
        status: record.status,
        expires_at: record.expires_at,
      });
    }),
    route('GET', '/api/v1/public/register/applications/([^/]+)', (ex, [id]) => {
      const token = ex.url.searchParams.get('status_token');
      if (!token) return sendDetail(ex.res, 401, 'status_token is required');
      const reply = ctx.registrations.poll(id, token);
      if (reply === undefined) return sendDetail(ex.res, 404, `no registration request ${id}`);
      if (reply === 'forbidden') return sendDetail(ex.res, 403, 'status_token does not match');
      sendJson(ex.res, 200, reply);
    }),
  ];
}

function route(method: string, path: string, handle: Route['handle']): Route {
  return { method, pattern: new RegExp(`^${path}/?$`), handle };
}

/** Checks the bearer token (the stand-in's own keys, an accepted issuer, the scope). */
function guarded(
  ctx: StandInContext,
  scope: 'admin:read' | 'admin:write',
  handle: (ex: Exchange, params: string[]) => void,
): Route['handle'] {
  return (ex, params) => {
    const raw = bearerToken(ex);
    const challenge = { 'www-authenticate': 'Bearer realm="ScaiKey"' };
    if (!raw) return sendJson(ex.res, 401, { detail: 'a bearer token is required' }, challenge);
    const verified = verifyJwt(raw, ctx.keys, {
      issuers: (iss) => ctx.acceptsIssuer(iss),
      nowSeconds: ctx.minter.nowSeconds(),
    });
    if ('error' in verified) {
      return sendJson(ex.res, 401, { detail: `invalid token: ${verified.error}` }, challenge);
    }
    const granted = verified.claims.scope;
    const scopes = typeof granted === 'string' ? granted.split(' ') : [];
    if (!scopes.includes(scope)) {
      return sendDetail(ex.res, 403, `the token lacks the ${scope} scope`);
    }
    handle(ex, params);
  };
}

function one(ex: Exchange, record: unknown): void {
  sendJson(ex.res, 200, record);
}

/** `?page&page_size` (1-based; size 1–100, default 50) → `{data, total, page, page_size, total_pages}`. */
function paged(ex: Exchange, items: readonly unknown[]): void {
  const q = ex.url.searchParams;
  const page = Number(q.get('page') ?? '1');
  const pageSize = Number(q.get('page_size') ?? String(DEFAULT_PAGE_SIZE));
  if (!Number.isInteger(page) || page < 1) {
    return sendDetail(ex.res, 422, 'page must be a whole number ≥ 1');
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return sendDetail(ex.res, 422, `page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  sendJson(ex.res, 200, {
    data: items.slice((page - 1) * pageSize, page * pageSize),
    total: items.length,
    page,
    page_size: pageSize,
    total_pages: Math.ceil(items.length / pageSize),
  });
}

/**
 * `POST /admin/users` (a `password`, or `send_invite`) and `POST /admin/users/invite` (always an
 * invitation, never a password): the user is created in the tenant either way.
 */
function createUser(ctx: StandInContext, ex: Exchange, how: { invite?: boolean } = {}): void {
  const body = jsonObject(ex);
  if (typeof body === 'string') return sendDetail(ex.res, 422, body);
  if (typeof body.tenant_id !== 'string') return sendDetail(ex.res, 422, 'tenant_id is required');
  if (typeof body.email !== 'string' || !EMAIL.test(body.email)) {
    return sendDetail(ex.res, 422, 'email must be an e-mail address');
  }
  const names = nameFields(body);
  if (typeof names === 'string') return sendDetail(ex.res, 422, names);
  const roles = roleList(body.roles);
  if (typeof roles === 'string') return sendDetail(ex.res, 422, roles);
  if (how.invite && body.password !== undefined) {
    return sendDetail(ex.res, 422, 'an invited user chooses their own password');
  }
  const problem = body.password === undefined ? null : passwordProblem(body.password);
  if (problem) return sendDetail(ex.res, 422, problem);
  const user = ctx.directory.addUser({
    tenant_id: body.tenant_id,
    email: body.email,
    ...names,
    roles,
  });
  if (typeof body.password === 'string') ctx.directory.setPassword(user.id, body.password);
  if (how.invite || body.send_invite === true) invite(ctx, user);
  sendJson(ex.res, 201, user);
}

function invite(ctx: StandInContext, user: UserRecord): void {
  const at = new Date(ctx.nowMs()).toISOString();
  ctx.invitations.push({ user_id: user.id, email: user.email, at });
}

function passwordProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'password is required';
  return value.length < MIN_PASSWORD_LENGTH
    ? `password must be at least ${MIN_PASSWORD_LENGTH} characters long`
    : null;
}

function createGroup(ctx: StandInContext, ex: Exchange): void {
  const body = jsonObject(ex);
  if (typeof body === 'string') return sendDetail(ex.res, 422, body);
  if (typeof body.tenant_id !== 'string') return sendDetail(ex.res, 422, 'tenant_id is required');
  if (typeof body.name !== 'string' || body.name.trim() === '') {
    return sendDetail(ex.res, 422, 'name is required');
  }
  if (body.description !== undefined && body.description !== null) {
    if (typeof body.description !== 'string') {
      return sendDetail(ex.res, 422, 'description must be a string');
    }
  }
  const type = body.group_type ?? 'SECURITY';
  if (typeof type !== 'string' || !GROUP_TYPES.includes(type)) {
    return sendDetail(ex.res, 422, `group_type must be one of ${GROUP_TYPES.join(', ')}`);
  }
  const taken = ctx.directory
    .listGroups({ tenant_id: body.tenant_id })
    .some((g) => g.name.toLowerCase() === (body.name as string).toLowerCase());
  ctx.directory.getTenant(body.tenant_id);
  if (taken) throw new DirectoryError(409, `a group named ${body.name} exists in the tenant`);
  const group = ctx.directory.addGroup({
    tenant_id: body.tenant_id,
    name: body.name,
    description: body.description ?? null,
    group_type: type as 'SECURITY' | 'DISTRIBUTION_LIST',
  });
  sendJson(ex.res, 201, group);
}

function updateTenant(ctx: StandInContext, ex: Exchange, id: string): void {
  ctx.directory.getTenant(id);
  const body = jsonObject(ex);
  if (typeof body === 'string') return sendDetail(ex.res, 422, body);
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) {
    return sendDetail(ex.res, 422, 'name must be a non-empty string');
  }
  if (
    body.slug !== undefined &&
    (typeof body.slug !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(body.slug))
  ) {
    return sendDetail(ex.res, 422, 'slug must be lowercase letters, digits and -');
  }
  if (body.status !== undefined && body.status !== 'active' && body.status !== 'suspended') {
    return sendDetail(ex.res, 422, 'status must be active or suspended');
  }
  const tenant = ctx.directory.updateTenant(id, {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.slug === undefined ? {} : { slug: body.slug }),
    ...(body.status === undefined ? {} : { status: body.status }),
  });
  sendJson(ex.res, 200, tenant);
}

function updateUser(ctx: StandInContext, ex: Exchange, id: string): void {
  liveUser(ctx, id);
  const body = jsonObject(ex);
  if (typeof body === 'string') return sendDetail(ex.res, 422, body);
  if (body.email !== undefined && (typeof body.email !== 'string' || !EMAIL.test(body.email))) {
    return sendDetail(ex.res, 422, 'email must be an e-mail address');
  }
  if (body.status !== undefined && body.status !== 'active' && body.status !== 'suspended') {
    return sendDetail(ex.res, 422, 'status must be active or suspended (DELETE deletes)');
  }
  const names = nameFields(body);
  if (typeof names === 'string') return sendDetail(ex.res, 422, names);
  const roles = roleList(body.roles);
  if (typeof roles === 'string') return sendDetail(ex.res, 422, roles);
  const user = ctx.directory.updateUser(id, {
    ...names,
    ...(body.email === undefined ? {} : { email: body.email }),
    ...(body.status === undefined ? {} : { status: body.status }),
    ...(roles === undefined ? {} : { roles }),
  });
  if (user.status === 'suspended') ctx.grants.revokeUser(id);
  sendJson(ex.res, 200, user);
}

/** A user the admin API may still change: deleted users are gone for PATCH and DELETE. */
function liveUser(ctx: StandInContext, id: string): UserRecord {
  const user = ctx.directory.getUser(id);
  if (user.status === 'deleted') throw new DirectoryError(404, `user ${id} is deleted`);
  return user;
}

function nameFields(
  body: Record<string, unknown>,
): Partial<Pick<UserRecord, 'display_name' | 'first_name' | 'last_name'>> | string {
  const out: Partial<Pick<UserRecord, 'display_name' | 'first_name' | 'last_name'>> = {};
  for (const name of ['display_name', 'first_name', 'last_name'] as const) {
    const value = body[name];
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') return `${name} must be a string or null`;
    out[name] = value;
  }
  return out;
}

function roleList(value: unknown): string[] | undefined | string {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'string')) {
    return 'roles must be a list of strings';
  }
  return value;
}

function isUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

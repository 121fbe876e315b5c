import { randomBytes } from 'node:crypto';

/**
 * The stand-in's in-memory ScaiKey directory. Records are kept in ScaiKey's wire shape (snake_case)
 * because that is what the admin API answers; inputs use the same field names.
 */

export type ScaiKeyStatus = 'active' | 'suspended' | 'deleted';
export type ApplicationType = 'GLOBAL' | 'TENANT';

export interface PartnerRecord {
  id: string;
  name: string;
  slug: string | null;
  status: ScaiKeyStatus;
  created_at: string;
  updated_at: string;
}

export interface TenantRecord {
  id: string;
  partner_id: string;
  name: string;
  slug: string;
  status: ScaiKeyStatus;
  created_at: string;
  updated_at: string;
}

export interface UserRecord {
  id: string;
  tenant_id: string;
  partner_id: string;
  email: string;
  display_name: string | null;
  first_name: string | null;
  last_name: string | null;
  status: ScaiKeyStatus;
  /** ScaiKey's own roles: `user`, `tenant_admin`, `partner_admin`, `super_admin`. */
  roles: string[];
  email_verified: boolean;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type GroupType = 'SECURITY' | 'DISTRIBUTION_LIST';

export interface GroupRecord {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  group_type: GroupType;
  created_at: string;
  updated_at: string;
}

export interface ApplicationRecord {
  id: string;
  /** null for a GLOBAL application. */
  tenant_id: string | null;
  name: string;
  type: ApplicationType;
  client_id: string;
  /** null for a public client (PKCE only). */
  client_secret: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  /** Scopes the client may ask for (user flows and client_credentials). */
  scopes: string[];
  created_at: string;
  updated_at: string;
}

export type GroupMemberRecord =
  | { type: 'user'; id: string; email: string; display_name: string | null; status: ScaiKeyStatus }
  | { type: 'group'; id: string; name: string };

export type EffectiveUserRecord = UserRecord & { assigned_via: string[] };

export interface PartnerInput {
  id?: string;
  name?: string;
  slug?: string | null;
  status?: ScaiKeyStatus;
}

export interface TenantInput {
  id?: string;
  /** A new partner is created when omitted. */
  partner_id?: string;
  name?: string;
  /** Unique; random when omitted. */
  slug?: string;
  status?: ScaiKeyStatus;
}

export interface UserInput {
  id?: string;
  tenant_id: string;
  /** Unique in the tenant; random when omitted. */
  email?: string;
  display_name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  status?: ScaiKeyStatus;
  roles?: string[];
  email_verified?: boolean;
}

export interface GroupInput {
  id?: string;
  tenant_id: string;
  name?: string;
  description?: string | null;
  group_type?: GroupType;
  /** Ids of users and groups (same tenant) to add. */
  members?: string[];
}

export interface ApplicationInput {
  id?: string;
  tenant_id?: string | null;
  name?: string;
  type?: ApplicationType;
  client_id?: string;
  client_secret?: string | null;
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  scopes?: string[];
  /** Ids of users and groups assigned to the application. */
  assigned?: string[];
}

/** Everything `seed()` creates, in order. Ids given in the input may be referenced across kinds. */
export interface DirectorySeed {
  partners?: PartnerInput[];
  tenants?: TenantInput[];
  users?: UserInput[];
  groups?: GroupInput[];
  applications?: ApplicationInput[];
}

export interface SeededDirectory {
  partners: PartnerRecord[];
  tenants: TenantRecord[];
  users: UserRecord[];
  groups: GroupRecord[];
  applications: ApplicationRecord[];
}

export interface SeedTenantInput extends Omit<TenantInput, 'id'> {
  tenant_id?: string;
  /** Users to create in the tenant, or how many (with random e-mails). */
  users?: Omit<UserInput, 'tenant_id'>[] | number;
}

export const DEFAULT_APPLICATION_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'admin:read',
  'admin:write',
];

/** A directory rule broken; `status` is what the admin API answers. */
export class DirectoryError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

function randomWord(): string {
  return randomBytes(4).toString('hex');
}

export class ScaiKeyDirectory {
  private readonly partners = new Map<string, PartnerRecord>();
  private readonly tenants = new Map<string, TenantRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly groups = new Map<string, GroupRecord>();
  private readonly applications = new Map<string, ApplicationRecord>();
  /** group id → direct member ids (users and groups), in insertion order. */
  private readonly members = new Map<string, string[]>();
  /** application id → assigned user and group ids. */
  private readonly assignments = new Map<string, string[]>();
  /** user id → password (set at creation or by an admin; never part of a record). */
  private readonly passwords = new Map<string, string>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  // --- seeding ------------------------------------------------------------------------------------

  seed(seed: DirectorySeed): SeededDirectory {
    const partners = (seed.partners ?? []).map((p) => this.addPartner(p));
    const tenants = (seed.tenants ?? []).map((t) => this.addTenant(t));
    const users = (seed.users ?? []).map((u) => this.addUser(u));
    // Groups first, members after, so a group may name a group seeded after it.
    const groupInputs = seed.groups ?? [];
    const groups = groupInputs.map((g) => this.addGroup({ ...g, members: [] }));
    groupInputs.forEach((g, i) => {
      for (const member of g.members ?? []) this.addMember(groups[i].id, member);
    });
    const applications = (seed.applications ?? []).map((a) => this.addApplication(a));
    return { partners, tenants, users, groups, applications };
  }

  /** A fresh partner and tenant (unique slug) with users: what most tests need. */
  seedTenant(input: SeedTenantInput = {}): {
    partner: PartnerRecord;
    tenant: TenantRecord;
    users: UserRecord[];
  } {
    const partner = input.partner_id ? this.getPartner(input.partner_id) : this.addPartner({});
    const { users: userInputs, tenant_id, ...tenantInput } = input;
    const tenant = this.addTenant({ ...tenantInput, id: tenant_id, partner_id: partner.id });
    const list =
      typeof userInputs === 'number'
        ? Array.from({ length: userInputs }, () => ({}))
        : (userInputs ?? []);
    const users = list.map((u) => this.addUser({ ...u, tenant_id: tenant.id }));
    return { partner, tenant, users };
  }

  addPartner(input: PartnerInput = {}): PartnerRecord {
    const id = this.freshId(input.id, 'prt', this.partners);
    const word = randomWord();
    const record: PartnerRecord = {
      id,
      name: input.name ?? `Partner ${word}`,
      slug: input.slug === undefined ? `partner-${word}` : input.slug,
      status: input.status ?? 'active',
      ...this.stamps(),
    };
    this.partners.set(id, record);
    return record;
  }

  addTenant(input: TenantInput = {}): TenantRecord {
    const partner = input.partner_id ? this.getPartner(input.partner_id) : this.addPartner();
    const id = this.freshId(input.id, 'tnt', this.tenants);
    const slug = input.slug ?? `tenant-${randomWord()}`;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
      throw new DirectoryError(400, `tenant slug "${slug}" must be lowercase letters, digits, -`);
    }
    if (this.findTenant(slug)) throw new DirectoryError(409, `tenant slug "${slug}" is taken`);
    const record: TenantRecord = {
      id,
      partner_id: partner.id,
      name: input.name ?? `Tenant ${slug}`,
      slug,
      status: input.status ?? 'active',
      ...this.stamps(),
    };
    this.tenants.set(id, record);
    return record;
  }

  addUser(input: UserInput): UserRecord {
    const tenant = this.getTenant(input.tenant_id);
    const id = this.freshId(input.id, 'usr', this.users);
    const email = (input.email ?? `user-${randomWord()}@example.test`).toLowerCase();
    this.assertEmailFree(tenant.id, email);
    const record: UserRecord = {
      id,
      tenant_id: tenant.id,
      partner_id: tenant.partner_id,
      email,
      display_name: input.display_name === undefined ? email.split('@')[0] : input.display_name,
      first_name: input.first_name ?? null,
      last_name: input.last_name ?? null,
      status: input.status ?? 'active',
      roles: input.roles ?? ['user'],
      email_verified: input.email_verified ?? true,
      ...this.stamps(),
      deleted_at: input.status === 'deleted' ? this.clock().toISOString() : null,
    };
    this.users.set(id, record);
    return record;
  }

  addGroup(input: GroupInput): GroupRecord {
    const tenant = this.getTenant(input.tenant_id);
    const id = this.freshId(input.id, 'grp', this.groups);
    const record: GroupRecord = {
      id,
      tenant_id: tenant.id,
      name: input.name ?? `Group ${randomWord()}`,
      description: input.description ?? null,
      group_type: input.group_type ?? 'SECURITY',
      ...this.stamps(),
    };
    this.groups.set(id, record);
    this.members.set(id, []);
    for (const member of input.members ?? []) this.addMember(id, member);
    return record;
  }

  addApplication(input: ApplicationInput = {}): ApplicationRecord {
    const id = this.freshId(input.id, 'app', this.applications);
    const tenantId = input.tenant_id ?? null;
    if (tenantId !== null) this.getTenant(tenantId);
    const clientId = input.client_id ?? `client-${randomWord()}${randomWord()}`;
    if (this.findApplication(clientId)) {
      throw new DirectoryError(409, `client_id "${clientId}" is taken`);
    }
    const record: ApplicationRecord = {
      id,
      tenant_id: tenantId,
      name: input.name ?? `Application ${randomWord()}`,
      type: input.type ?? (tenantId === null ? 'GLOBAL' : 'TENANT'),
      client_id: clientId,
      client_secret:
        input.client_secret === undefined ? randomBytes(24).toString('hex') : input.client_secret,
      redirect_uris: input.redirect_uris ?? [],
      post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
      scopes: input.scopes ?? [...DEFAULT_APPLICATION_SCOPES],
      ...this.stamps(),
    };
    this.applications.set(id, record);
    this.assignments.set(id, []);
    for (const principal of input.assigned ?? []) this.assign(id, principal);
    return record;
  }

  // --- changes ------------------------------------------------------------------------------------

  updatePartner(id: string, patch: Partial<Omit<PartnerRecord, 'id'>>): PartnerRecord {
    return this.touch(Object.assign(this.getPartner(id), patch));
  }

  updateTenant(id: string, patch: Partial<Omit<TenantRecord, 'id' | 'partner_id'>>): TenantRecord {
    const tenant = this.getTenant(id);
    if (patch.slug !== undefined && patch.slug !== tenant.slug && this.findTenant(patch.slug)) {
      throw new DirectoryError(409, `tenant slug "${patch.slug}" is taken`);
    }
    return this.touch(Object.assign(tenant, patch));
  }

  updateUser(
    id: string,
    patch: Partial<Pick<UserRecord, 'email' | 'display_name' | 'first_name' | 'last_name'>> & {
      status?: ScaiKeyStatus;
      roles?: string[];
    },
  ): UserRecord {
    const user = this.getUser(id);
    if (patch.email !== undefined) {
      const email = patch.email.toLowerCase();
      if (email !== user.email) this.assertEmailFree(user.tenant_id, email);
      patch = { ...patch, email };
    }
    Object.assign(user, patch);
    user.deleted_at = user.status === 'deleted' ? (user.deleted_at ?? this.now()) : null;
    return this.touch(user);
  }

  suspendUser(id: string): UserRecord {
    return this.updateUser(id, { status: 'suspended' });
  }

  activateUser(id: string): UserRecord {
    return this.updateUser(id, { status: 'active' });
  }

  /** Soft delete, as ScaiKey's DELETE does: the record stays, with status `deleted`. */
  deleteUser(id: string): UserRecord {
    return this.updateUser(id, { status: 'deleted' });
  }

  /** Sets a user's password (what an admin's reset or the invitation's acceptance does). */
  setPassword(id: string, password: string): void {
    this.getUser(id);
    this.passwords.set(id, password);
  }

  /** Whether the user has a password: an invited user who has one has accepted the invitation. */
  hasPassword(id: string): boolean {
    return this.passwords.has(id);
  }

  /** The user's password, for tests that check what an admin set. */
  passwordOf(id: string): string | undefined {
    return this.passwords.get(id);
  }

  updateGroup(id: string, patch: Partial<Pick<GroupRecord, 'name' | 'description'>>): GroupRecord {
    return this.touch(Object.assign(this.getGroup(id), patch));
  }

  /** Adds a user or a group (nesting) to a group of the same tenant; refuses cycles. */
  addMember(groupId: string, memberId: string): void {
    const group = this.getGroup(groupId);
    const member = this.principal(memberId);
    if (member.tenant_id !== group.tenant_id) {
      throw new DirectoryError(400, `${memberId} is not in the tenant of ${groupId}`);
    }
    if (memberId === groupId || this.groupContains(memberId, groupId)) {
      throw new DirectoryError(400, `adding ${memberId} to ${groupId} would make a cycle`);
    }
    const list = this.members.get(groupId) ?? [];
    if (!list.includes(memberId)) list.push(memberId);
    this.members.set(groupId, list);
  }

  removeMember(groupId: string, memberId: string): void {
    this.getGroup(groupId);
    this.members.set(
      groupId,
      (this.members.get(groupId) ?? []).filter((id) => id !== memberId),
    );
  }

  /** Assigns a user or a group to an application. */
  assign(applicationId: string, principalId: string): void {
    const app = this.getApplication(applicationId);
    this.principal(principalId);
    const list = this.assignments.get(app.id) ?? [];
    if (!list.includes(principalId)) list.push(principalId);
    this.assignments.set(app.id, list);
  }

  unassign(applicationId: string, principalId: string): void {
    const app = this.getApplication(applicationId);
    this.assignments.set(
      app.id,
      (this.assignments.get(app.id) ?? []).filter((id) => id !== principalId),
    );
  }

  // --- reads --------------------------------------------------------------------------------------

  findPartner(id: string): PartnerRecord | undefined {
    return this.partners.get(id);
  }

  /** By id or slug. */
  findTenant(ref: string): TenantRecord | undefined {
    return this.tenants.get(ref) ?? [...this.tenants.values()].find((t) => t.slug === ref);
  }

  /** By id or e-mail (the first match across tenants). */
  findUser(ref: string): UserRecord | undefined {
    const email = ref.toLowerCase();
    return this.users.get(ref) ?? [...this.users.values()].find((u) => u.email === email);
  }

  findGroup(id: string): GroupRecord | undefined {
    return this.groups.get(id);
  }

  /** By id or client_id. */
  findApplication(ref: string): ApplicationRecord | undefined {
    return (
      this.applications.get(ref) ?? [...this.applications.values()].find((a) => a.client_id === ref)
    );
  }

  getPartner(id: string): PartnerRecord {
    return this.found(this.findPartner(id), `partner ${id}`);
  }

  getTenant(ref: string): TenantRecord {
    return this.found(this.findTenant(ref), `tenant ${ref}`);
  }

  getUser(ref: string): UserRecord {
    return this.found(this.findUser(ref), `user ${ref}`);
  }

  getGroup(id: string): GroupRecord {
    return this.found(this.findGroup(id), `group ${id}`);
  }

  getApplication(ref: string): ApplicationRecord {
    return this.found(this.findApplication(ref), `application ${ref}`);
  }

  listPartners(filter: { status?: string } = {}): PartnerRecord[] {
    return [...this.partners.values()].filter((p) => !filter.status || p.status === filter.status);
  }

  listTenants(filter: { partner_id?: string; status?: string } = {}): TenantRecord[] {
    return [...this.tenants.values()].filter(
      (t) =>
        (!filter.partner_id || t.partner_id === filter.partner_id) &&
        (!filter.status || t.status === filter.status),
    );
  }

  /** Deleted users included (status `deleted`), as sync needs to see them. */
  listUsers(filter: { tenant_id?: string; partner_id?: string; status?: string } = {}) {
    return [...this.users.values()].filter(
      (u) =>
        (!filter.tenant_id || u.tenant_id === filter.tenant_id) &&
        (!filter.partner_id || u.partner_id === filter.partner_id) &&
        (!filter.status || u.status === filter.status),
    );
  }

  listGroups(filter: { tenant_id?: string; partner_id?: string } = {}): GroupRecord[] {
    return [...this.groups.values()].filter(
      (g) =>
        (!filter.tenant_id || g.tenant_id === filter.tenant_id) &&
        (!filter.partner_id || this.tenants.get(g.tenant_id)?.partner_id === filter.partner_id),
    );
  }

  listApplications(): ApplicationRecord[] {
    return [...this.applications.values()];
  }

  /** Direct members of a group: users and nested groups. */
  groupMembers(groupId: string): GroupMemberRecord[] {
    this.getGroup(groupId);
    return (this.members.get(groupId) ?? []).map((id): GroupMemberRecord => {
      const user = this.users.get(id);
      if (user) {
        return {
          type: 'user',
          id,
          email: user.email,
          display_name: user.display_name,
          status: user.status,
        };
      }
      return { type: 'group', id, name: this.getGroup(id).name };
    });
  }

  /** Every group a user belongs to, directly or through nesting. */
  groupsOf(userId: string): GroupRecord[] {
    return [...this.groups.values()].filter((g) => this.usersIn(g.id).has(userId));
  }

  /**
   * The tenant's users assigned to the application, directly or through (nested) groups; deleted
   * users are left out, suspended ones stay (with their status).
   */
  effectiveUsers(applicationId: string, tenantId: string): EffectiveUserRecord[] {
    const app = this.getApplication(applicationId);
    const tenant = this.getTenant(tenantId);
    const via = new Map<string, string[]>();
    const add = (userId: string, source: string) => {
      const list = via.get(userId) ?? [];
      if (!list.includes(source)) list.push(source);
      via.set(userId, list);
    };
    for (const principal of this.assignments.get(app.id) ?? []) {
      if (this.users.has(principal)) add(principal, 'direct');
      else for (const userId of this.usersIn(principal)) add(userId, principal);
    }
    return [...this.users.values()]
      .filter((u) => via.has(u.id) && u.tenant_id === tenant.id && u.status !== 'deleted')
      .map((u) => ({ ...u, assigned_via: via.get(u.id) ?? [] }));
  }

  // --- internals ----------------------------------------------------------------------------------

  private usersIn(groupId: string, seen = new Set<string>()): Set<string> {
    const users = new Set<string>();
    if (seen.has(groupId)) return users;
    seen.add(groupId);
    for (const id of this.members.get(groupId) ?? []) {
      if (this.users.has(id)) users.add(id);
      else for (const nested of this.usersIn(id, seen)) users.add(nested);
    }
    return users;
  }

  /** Whether `outer` contains `inner`, directly or through nesting. */
  private groupContains(outer: string, inner: string, seen = new Set<string>()): boolean {
    if (seen.has(outer)) return false;
    seen.add(outer);
    return (this.members.get(outer) ?? []).some(
      (id) => id === inner || this.groupContains(id, inner, seen),
    );
  }

  private principal(id: string): UserRecord | GroupRecord {
    const found = this.users.get(id) ?? this.groups.get(id);
    if (!found) throw new DirectoryError(404, `no user or group ${id}`);
    return found;
  }

  private assertEmailFree(tenantId: string, email: string): void {
    const taken = [...this.users.values()].some(
      (u) => u.tenant_id === tenantId && u.email === email && u.status !== 'deleted',
    );
    if (taken) throw new DirectoryError(409, `a user with e-mail ${email} exists in the tenant`);
  }

  private freshId(given: string | undefined, prefix: string, map: Map<string, unknown>): string {
    if (given !== undefined && map.has(given)) {
      throw new DirectoryError(409, `id ${given} is taken`);
    }
    return given ?? randomId(prefix);
  }

  private found<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new DirectoryError(404, `no ${what}`);
    return value;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private stamps(): { created_at: string; updated_at: string } {
    const now = this.now();
    return { created_at: now, updated_at: now };
  }

  private touch<T extends { updated_at: string }>(record: T): T {
    record.updated_at = this.now();
    return record;
  }
}

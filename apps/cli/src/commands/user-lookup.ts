import type { IdentityDirectoryService } from '@app/identity';
import type { Tenant, User } from '@app/core';

/** The one known user with this email (in one tenant when several share it), or a clear error. */
export async function findUserByEmail(
  directory: IdentityDirectoryService,
  email: string,
  tenantId?: string,
): Promise<User & { tenant: Tenant }> {
  const users = (await directory.findUserByEmail(email)).filter(
    (u) => !tenantId || u.tenantId === tenantId || u.tenant?.scaikeyId === tenantId,
  );
  if (users.length === 0) {
    throw new Error(
      `no user with email ${email} is known to ScaiDNS yet: run \`scaidns sync\`, or have them sign in once`,
    );
  }
  if (users.length > 1) {
    throw new Error(
      `${users.length} users have email ${email} (tenants ${users.map((u) => u.tenantId).join(', ')}); pass --tenant-id`,
    );
  }
  const [user] = users;
  if (!user.tenant) throw new Error(`user ${email} has no tenant`);
  return user as User & { tenant: Tenant };
}

import { InjectDataSource } from '@nestjs/typeorm';
import { IdentityDirectoryService, RoleAssignmentService } from '@app/identity';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { findUserByEmail } from './user-lookup';

interface Options {
  userEmail: string;
  tenantId?: string;
}

@Command({
  name: 'assign-admin',
  description:
    'Make a known user platform_admin at platform scope (the first admin has no one to ask)',
})
export class AssignAdminCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: IdentityDirectoryService,
    private readonly assignments: RoleAssignmentService,
  ) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    try {
      const user = await findUserByEmail(
        this.directory,
        options.userEmail.toLowerCase(),
        options.tenantId,
      );
      const { created } = await this.assignments.assignPlatformAdmin(user);
      console.log(
        created
          ? `platform_admin assigned to ${user.email} (user ${user.id}) at platform scope.`
          : `${user.email} is already platform_admin; nothing changed.`,
      );
    } finally {
      await this.dataSource.destroy();
    }
  }

  @Option({
    flags: '--user-email <email>',
    description: '(required) email of a user ScaiDNS knows',
    required: true,
  })
  parseEmail(value: string): string {
    return value;
  }

  @Option({
    flags: '--tenant-id <id>',
    description: 'tenant (local or ScaiKey id) when the email is in several',
  })
  parseTenant(value: string): string {
    return value;
  }
}

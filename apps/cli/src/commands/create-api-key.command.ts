import { InjectDataSource } from '@nestjs/typeorm';
import { ApiKeyService, IdentityDirectoryService } from '@app/identity';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { findUserByEmail } from './user-lookup';

interface Options {
  userEmail: string;
  name: string;
  scopes?: string[];
  tenantId?: string;
  expiresAt?: Date;
}

@Command({
  name: 'create-api-key',
  description:
    "Create an API key carrying a user's permissions, without a browser; prints the secret once",
})
export class CreateApiKeyCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: IdentityDirectoryService,
    private readonly keys: ApiKeyService,
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
      const { key, secret } = await this.keys.createForUser(user, user.tenant, {
        name: options.name,
        scopes: options.scopes ?? null,
        expiresAt: options.expiresAt ?? null,
      });
      console.log(`API key ${key.id} (${key.keyPrefix}…) created for ${user.email}.`);
      console.log('Store this secret now; it is never shown again:');
      console.log(secret);
    } finally {
      await this.dataSource.destroy();
    }
  }

  @Option({
    flags: '--user-email <email>',
    description: '(required) the user whose permissions the key carries',
    required: true,
  })
  parseEmail(value: string): string {
    return value;
  }

  @Option({
    flags: '--name <name>',
    description: '(required) a name to recognise the key by',
    required: true,
  })
  parseName(value: string): string {
    return value;
  }

  @Option({
    flags: '--scopes <list>',
    description: 'comma-separated permissions narrowing the key (e.g. records:read)',
  })
  parseScopes(value: string): string[] {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  @Option({ flags: '--expires-at <iso>', description: 'when the key stops working (ISO 8601)' })
  parseExpiresAt(value: string): Date {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new Error(`--expires-at: not a date: ${value}`);
    return date;
  }

  @Option({
    flags: '--tenant-id <id>',
    description: 'tenant (local or ScaiKey id) when the email is in several',
  })
  parseTenant(value: string): string {
    return value;
  }
}

import { type AppConfig, envFilePath, InjectConfig } from '@app/core';
import { type ScaiKeyRegistrationStatus, ScaiKeyRegistrationService } from '@app/identity';
import { Command, CommandRunner, Option } from 'nest-commander';

interface Options {
  publicUrl?: string;
  name?: string;
  contactEmail?: string;
  pollInterval?: number;
  timeout?: number;
}

/** What this command writes; it runs before they exist, so the CLI lets them be missing for it. */
export const REGISTRATION_VARIABLES = [
  'SCAIKEY_CLIENT_ID',
  'SCAIKEY_CLIENT_SECRET',
  'SCAIKEY_APPLICATION_ID',
  'SCAIKEY_WEBHOOK_SECRET',
] as const;

function seconds(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag}: not a positive number of seconds`);
  return n;
}

@Command({
  name: 'register-scaikey',
  description:
    'Register ScaiDNS with ScaiKey, wait for approval, and write its credentials into .env',
})
export class RegisterScaiKeyCommand extends CommandRunner {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly registration: ScaiKeyRegistrationService,
  ) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    if (!this.config.scaikey.url) throw new Error('SCAIKEY_URL is not set: where is ScaiKey?');
    const publicUrl = options.publicUrl ?? this.config.http.externalUrl;
    console.log(`Registering ScaiDNS at ${publicUrl} with ScaiKey at ${this.config.scaikey.url}…`);
    const result = await this.registration.register({
      publicUrl,
      name: options.name,
      contactEmail: options.contactEmail,
      pollIntervalMs: (options.pollInterval ?? 5) * 1000,
      timeoutMs: (options.timeout ?? 3600) * 1000,
      onStatus: (status) => console.log(statusLine(status)),
    });
    const path = envFilePath();
    await this.registration.writeEnv(path, result);
    console.log(`Wrote ${Object.keys(result.env).join(', ')} to ${path}.`);
    if (!result.env.SCAIKEY_WEBHOOK_SECRET) {
      console.log(
        'ScaiKey issued no webhook secret: generate one in ScaiKey and set SCAIKEY_WEBHOOK_SECRET.',
      );
    }
    console.log('Configure in ScaiKey (if it is not already):');
    console.log(`  redirect URI:     ${result.urls.redirectUri}`);
    console.log(`  post-logout URI:  ${result.urls.postLogoutUri}`);
    console.log(`  webhook URL:      ${result.urls.webhookUrl}`);
    console.log('Then assign users or groups to the application and run `scaidns sync`.');
  }

  @Option({
    flags: '--public-url <url>',
    description: 'where users reach ScaiDNS (default EXTERNAL_URL)',
  })
  parsePublicUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'application name in ScaiKey (default ScaiDNS)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--contact-email <email>', description: 'who ScaiKey administrators can ask' })
  parseContactEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--poll-interval <seconds>', description: 'status poll interval (default 5)' })
  parsePollInterval(value: string): number {
    return seconds('--poll-interval', value);
  }

  @Option({ flags: '--timeout <seconds>', description: 'give up waiting after (default 3600)' })
  parseTimeout(value: string): number {
    return seconds('--timeout', value);
  }
}

function statusLine(status: ScaiKeyRegistrationStatus): string {
  const at = new Date().toISOString().slice(11, 19);
  switch (status.status) {
    case 'PENDING':
      return `[${at}] request ${status.request_id}: PENDING, waiting for a ScaiKey administrator to approve it…`;
    case 'APPROVED':
      return `[${at}] request ${status.request_id}: APPROVED (application ${status.application_id ?? '?'})`;
    case 'REJECTED':
    case 'EXPIRED':
      return `[${at}] request ${status.request_id}: ${status.status}`;
  }
}

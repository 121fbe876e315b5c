import { InjectDataSource } from '@nestjs/typeorm';
import { type AppConfig, InjectConfig } from '@app/core';
import {
  IdentitySyncService,
  SYNC_KINDS,
  syncChangeCount,
  type SyncProgress,
  type SyncReport,
} from '@app/identity';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { DataSource } from 'typeorm';

interface Options {
  dryRun?: boolean;
}

/** Changes listed one per line in a dry run before "… and N more". */
const LISTED_CHANGES = 50;

@Command({
  name: 'sync',
  description:
    "Pull partners, tenants, users, groups, memberships and the application's assigned users from ScaiKey",
})
export class SyncCommand extends CommandRunner {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sync: IdentitySyncService,
  ) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    const { url, applicationId } = this.config.scaikey;
    if (!url) throw new Error('SCAIKEY_URL is not set: there is no ScaiKey to sync from');
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    try {
      console.log(`Syncing from ScaiKey at ${url} (application ${applicationId || '(not set)'})…`);
      const progress = new ProgressLine();
      const report = await this.sync.run({ dryRun: options.dryRun, onProgress: progress.update });
      progress.finish();
      printReport(report);
    } finally {
      await this.dataSource.destroy();
    }
  }

  @Option({ flags: '--dry-run', description: 'show what would change; write nothing' })
  parseDryRun(): boolean {
    return true;
  }
}

/**
 * One progress line per step: rewritten in place on a terminal, printed once the step is done
 * otherwise (logs and pipes get no carriage returns).
 */
class ProgressLine {
  private readonly tty = process.stdout.isTTY === true;
  private current: SyncProgress | undefined;

  readonly update = (progress: SyncProgress): void => {
    if (this.current && this.current.step !== progress.step) this.finish();
    this.current = progress;
    if (this.tty) process.stdout.write(`\r${this.text(progress)}`);
  };

  finish(): void {
    if (!this.current) return;
    process.stdout.write(this.tty ? '\n' : `${this.text(this.current)}\n`);
    this.current = undefined;
  }

  private text(progress: SyncProgress): string {
    return `progress: ${progress.step} ${progress.fetched} fetched`;
  }
}

function printReport(report: SyncReport): void {
  const fetched = report.fetched;
  console.log(
    `ScaiKey holds ${fetched.partners} partners, ${fetched.tenants} tenants, ${fetched.users} users, ` +
      `${fetched.groups} groups, ${fetched.memberships} memberships; ` +
      `${fetched['assigned users']} users are assigned to the application.`,
  );
  for (const warning of report.warnings) console.log(`warning: ${warning}`);
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  console.log(
    `${'kind'.padEnd(12)}${pad('created', 9)}${pad('updated', 9)}${pad('deactivated', 13)}`,
  );
  for (const kind of SYNC_KINDS) {
    const c = report.counts[kind];
    console.log(
      `${kind.padEnd(12)}${pad(c.created, 9)}${pad(c.updated, 9)}${pad(c.deactivated, 13)}`,
    );
  }
  console.log(
    '(deactivated: partners deleted, tenants suspended, users made inactive, groups and memberships removed)',
  );
  const total = syncChangeCount(report);
  if (report.dryRun) {
    for (const change of report.changes.slice(0, LISTED_CHANGES)) {
      console.log(
        `  would ${verb(change.outcome)} ${change.kind.replace(/s$/, '')} ${change.scaikeyId}`,
      );
    }
    if (report.changes.length > LISTED_CHANGES) {
      console.log(`  … and ${report.changes.length - LISTED_CHANGES} more`);
    }
    console.log(`Dry run: ${total} change(s) found, nothing written.`);
  } else {
    console.log(total === 0 ? 'Sync complete: no changes.' : `Sync complete: ${total} change(s).`);
  }
}

function verb(outcome: 'created' | 'updated' | 'deactivated'): string {
  return { created: 'create', updated: 'update', deactivated: 'deactivate' }[outcome];
}

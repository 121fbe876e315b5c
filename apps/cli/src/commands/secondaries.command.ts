import { InjectDataSource } from '@nestjs/typeorm';
import { type AppConfig, InjectConfig } from '@app/core';
import { CatalogSync, SecondaryMonitor } from '@app/domains';
import { ensureTsigKey, PdnsClient } from '@app/pdns-client';
import { ZoneCatalog } from '@app/zones';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { DataSource } from 'typeorm';

interface Options {
  sync?: boolean;
}

@Command({
  name: 'secondaries',
  description:
    'Show the catalog zone, the transfer key secondaries need, and how far each secondary lags; --sync repairs catalog membership now',
})
export class SecondariesCommand extends CommandRunner {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdns: PdnsClient,
    private readonly catalog: ZoneCatalog,
    private readonly catalogSync: CatalogSync,
    private readonly monitor: SecondaryMonitor,
  ) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    const { catalogZone, tsigKeyName, dns } = this.config.secondaries;
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    try {
      await this.catalog.ensureReady();
      console.log(`catalog zone: ${catalogZone ?? '(none: PDNS_CATALOG_ZONE is empty)'}`);
      if (tsigKeyName) {
        const key = await ensureTsigKey(this.pdns, tsigKeyName);
        console.log(`transfer key: ${tsigKeyName} ${key.algorithm.replace(/\.$/, '')} ${key.key}`);
      } else {
        console.log('transfer key: (none: transfers are allowed by address)');
      }
      if (options.sync) {
        const result = await this.catalogSync.run();
        console.log(`catalog sync: ${result.fixed} of ${result.checked} zone(s) fixed`);
      }
      if (dns.length === 0) {
        console.log('secondaries: none (SECONDARIES is empty)');
        return;
      }
      for (const s of await this.monitor.check({ full: true })) {
        console.log(
          `${s.address}  ${s.status}  ${s.in_sync}/${s.zones} in sync, ${s.behind} behind (most ${s.max_serial_lag} serials), ${s.missing} missing`,
        );
      }
    } finally {
      await this.dataSource.destroy();
    }
  }

  @Option({
    flags: '--sync',
    description: 'make every zone a catalog member (or not) as its domain asks, now',
  })
  parseSync(): boolean {
    return true;
  }
}

import { InjectDataSource } from '@nestjs/typeorm';
import { DriftService, type DriftFix } from '@app/domains';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { DataSource } from 'typeorm';

interface Options {
  fix?: DriftFix;
  zone?: string;
}

@Command({
  name: 'drift',
  description:
    "Look for edits made in PowerDNS behind ScaiDNS's back now, and list the open findings; --fix adopt|revert puts them right",
})
export class DriftCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drift: DriftService,
  ) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    try {
      const report = await this.drift.scan();
      console.log(
        `scanned ${report.zones} zone(s) in ${report.durationMs} ms: ${report.compared} read and compared, ${report.skipped} unchanged (${report.fingerprints ? 'by fingerprint' : 'no fingerprints: PDNS_DATABASE_URL is not set'}), ${report.baselined} baselined; ${report.recorded} new finding(s)`,
      );
      const zone = options.zone ? `${options.zone.toLowerCase().replace(/\.$/, '')}.` : null;
      const findings = (await this.drift.list()).filter((f) => !zone || f.zone === zone);
      if (findings.length === 0) {
        console.log(
          zone ? `no open finding for ${zone}` : 'no drift: PowerDNS holds what ScaiDNS committed',
        );
        return;
      }
      let failed = 0;
      for (const f of findings) {
        const what =
          f.kind === 'rrsets'
            ? f.rrsets
                .slice(0, 5)
                .map((r) => `${r.name} ${r.type}`)
                .join(', ') + (f.rrsetCount > 5 ? `, and ${f.rrsetCount - 5} more` : '')
            : f.kind === 'unknown_zone'
              ? 'not a zone of ScaiDNS'
              : 'missing from PowerDNS';
        console.log(`${f.id}  ${f.zone}  ${f.kind}: ${what}`);
        if (!options.fix) continue;
        try {
          await this.drift.fix(f.id, options.fix, null);
          console.log(`  ${options.fix === 'adopt' ? 'adopted' : 'reverted'}`);
        } catch (error) {
          failed += 1;
          console.log(`  not fixed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (failed > 0) process.exitCode = 1;
    } finally {
      await this.dataSource.destroy();
    }
  }

  @Option({
    flags: '--fix <action>',
    description: 'adopt (PowerDNS is right) or revert (ScaiDNS is right)',
  })
  parseFix(value: string): DriftFix {
    if (value !== 'adopt' && value !== 'revert') throw new Error('--fix takes adopt or revert');
    return value;
  }

  @Option({ flags: '--zone <name>', description: 'only this zone' })
  parseZone(value: string): string {
    return value;
  }
}

import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { PdnsClientModule } from '@app/pdns-client';
import { ZoneBaselines } from './baseline/zone-baselines';
import { ZoneReadSync } from './read/zone-read-sync';
import { RecordRules } from './rules/record-rules';
import { SecondaryTransfers } from './secondaries/secondary-transfers';
import { ZoneCatalog } from './secondaries/zone-catalog';
import { ZoneCommitLog } from './write/zone-commit-log';
import { ZoneLock } from './write/zone-lock';
import { ZoneProvisioner } from './write/zone-provisioner';
import { ZoneWriter } from './write/zone-writer';

const EXPORTED = [
  RecordRules,
  ZoneBaselines,
  ZoneCatalog,
  ZoneProvisioner,
  ZoneReadSync,
  ZoneWriter,
];

/** The zone writer, its read side, the provisioner and the record rules: one instance per process. */
@Module({
  imports: [AuditModule, PdnsClientModule],
  providers: [...EXPORTED, SecondaryTransfers, ZoneCommitLog, ZoneLock],
  exports: EXPORTED,
})
export class ZonesModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { PdnsClientModule } from '@app/pdns-client';
import { ZoneReadSync } from './read/zone-read-sync';
import { RecordRules } from './rules/record-rules';
import { ZoneCommitLog } from './write/zone-commit-log';
import { ZoneLock } from './write/zone-lock';
import { ZoneProvisioner } from './write/zone-provisioner';
import { ZoneWriter } from './write/zone-writer';

const EXPORTED = [RecordRules, ZoneProvisioner, ZoneReadSync, ZoneWriter];

/** The zone writer, its read side, the provisioner and the record rules: one instance per process. */
@Module({
  imports: [AuditModule, PdnsClientModule],
  providers: [...EXPORTED, ZoneCommitLog, ZoneLock],
  exports: EXPORTED,
})
export class ZonesModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { PdnsClientModule } from '@app/pdns-client';
import { PinCache } from './ids/pin-cache';
import { RecordSearchService } from './records/record-search.service';
import { RecordService } from './records/record.service';
import { ZoneTransferService } from './records/zone-transfer.service';
import { ZoneLock } from './write/zone-lock';
import { ZoneWriteQueue } from './write/zone-write-queue';

const SERVICES = [
  PinCache,
  RecordSearchService,
  RecordService,
  ZoneLock,
  ZoneTransferService,
  ZoneWriteQueue,
];

@Module({
  imports: [AuditModule, PdnsClientModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class RecordsModule {}

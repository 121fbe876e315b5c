import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { PdnsClientModule } from '@app/pdns-client';
import { ZonesModule } from '@app/zones';
import { PinCache } from './ids/pin-cache';
import { RecordReader } from './read/record-reader';
import { PtrRecordService } from './records/ptr-record.service';
import { RecordSearchService } from './records/record-search.service';
import { RecordService } from './records/record.service';
import { ZoneTransferService } from './records/zone-transfer.service';

const SERVICES = [
  PinCache,
  PtrRecordService,
  RecordReader,
  RecordSearchService,
  RecordService,
  ZoneTransferService,
];

@Module({
  imports: [AuditModule, PdnsClientModule, ZonesModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class RecordsModule {}

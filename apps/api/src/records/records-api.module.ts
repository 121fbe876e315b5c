import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { RecordsModule } from '@app/records';
import { RecordsController, RecordSearchController } from './records.controller';
import { ZoneTransferController } from './zone-transfer.controller';

@Module({
  imports: [RecordsModule, IdentityModule],
  controllers: [RecordsController, RecordSearchController, ZoneTransferController],
})
export class RecordsApiModule {}

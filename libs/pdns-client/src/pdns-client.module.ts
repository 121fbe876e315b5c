import { Module } from '@nestjs/common';
import { PdnsClient } from './pdns.client';

/** Provides the PowerDNS client; its config comes from the global CoreModule (APP_CONFIG). */
@Module({
  providers: [PdnsClient],
  exports: [PdnsClient],
})
export class PdnsClientModule {}

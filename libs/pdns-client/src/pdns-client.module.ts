import { Module } from '@nestjs/common';
import { PdnsDatabase } from './pdns-database';
import { PdnsClient } from './pdns.client';

/**
 * Provides the PowerDNS client (and the optional read-only access to its database); their config
 * comes from the global CoreModule (APP_CONFIG).
 */
@Module({
  providers: [PdnsClient, PdnsDatabase],
  exports: [PdnsClient, PdnsDatabase],
})
export class PdnsClientModule {}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DnssecKey, Metrics } from '@app/core';
import type { Repository } from 'typeorm';

/**
 * `scaidns_dnssec_keys{role,state}`: keys by role and rollover state, read from MariaDB at scrape
 * time (one grouped count). The same in every process, so API processes report it once, not summed.
 */
@Injectable()
export class DnssecKeyMetrics {
  constructor(metrics: Metrics, @InjectRepository(DnssecKey) keys: Repository<DnssecKey>) {
    metrics.gauge({
      name: 'scaidns_dnssec_keys',
      help: 'DNSSEC keys ScaiDNS manages, by role (ksk, zsk) and rollover state.',
      labelNames: ['role', 'state'] as const,
      aggregator: 'first',
      async collect() {
        // A scrape while MariaDB is away still answers, without this gauge's fresh values.
        const rows = await keys
          .createQueryBuilder('k')
          .select('k.role', 'role')
          .addSelect('k.state', 'state')
          .addSelect('COUNT(*)', 'count')
          .groupBy('k.role')
          .addGroupBy('k.state')
          .getRawMany<{ role: string; state: string; count: string | number }>()
          .catch(() => null);
        if (!rows) return;
        this.reset();
        for (const row of rows) this.set({ role: row.role, state: row.state }, Number(row.count));
      },
    });
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What drift detection keeps: the rrsets ScaiDNS last committed per zone (`zone_baseline_rrsets`),
 * per zone a revision and what the last scan saw (`zone_baselines`), and the findings
 * (`zone_drift_findings`, one open per zone). No foreign keys: see ZoneBaselineRow.
 */
export class DriftBaselines1795700000000 implements MigrationInterface {
  name = 'DriftBaselines1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`zone_baselines\` (
        \`pdns_zone_id\` varchar(255) NOT NULL,
        \`revision\` bigint UNSIGNED NOT NULL DEFAULT '0',
        \`taken_at\` datetime(6) NULL,
        \`checked_revision\` bigint UNSIGNED NULL,
        \`checked_fingerprint\` varchar(96) NULL,
        \`checked_at\` datetime(6) NULL,
        PRIMARY KEY (\`pdns_zone_id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE \`zone_baseline_rrsets\` (
        \`pdns_zone_id\` varchar(255) NOT NULL,
        \`fqdn\` varchar(255) NOT NULL,
        \`type\` varchar(10) NOT NULL,
        \`ttl\` int UNSIGNED NOT NULL,
        \`records\` json NOT NULL,
        PRIMARY KEY (\`pdns_zone_id\`, \`fqdn\`, \`type\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE \`zone_drift_findings\` (
        \`id\` char(36) NOT NULL,
        \`domain_id\` char(36) NULL,
        \`tenant_id\` char(36) NULL,
        \`zone\` varchar(255) NOT NULL,
        \`open_zone\` varchar(255) NULL,
        \`pdns_zone_id\` varchar(255) NOT NULL,
        \`kind\` varchar(16) NOT NULL,
        \`digest\` char(64) NOT NULL,
        \`rrsets\` json NOT NULL,
        \`rrset_count\` int UNSIGNED NOT NULL,
        \`found_at\` datetime(6) NOT NULL,
        \`resolved_at\` datetime(6) NULL,
        \`resolution\` varchar(16) NULL,
        INDEX \`idx_zone_drift_findings_found_at\` (\`found_at\`),
        UNIQUE INDEX \`uq_zone_drift_findings_open_zone\` (\`open_zone\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`zone_drift_findings\``);
    await queryRunner.query(`DROP TABLE \`zone_baseline_rrsets\``);
    await queryRunner.query(`DROP TABLE \`zone_baselines\``);
  }
}

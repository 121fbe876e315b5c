import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `zone_snapshots`: what a soft-deleted zone held in PowerDNS, so restore brings it back exactly.
 * Also switches the zones' SOA-EDIT-API to INCREASE: one serial step per committed change, never a
 * date-based serial that runs ahead of the calendar after ~100 changes a day.
 */
export class ZoneSnapshots1795403778867 implements MigrationInterface {
  name = 'ZoneSnapshots1795403778867';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`zone_snapshots\` (
        \`id\` char(36) NOT NULL,
        \`domain_id\` char(36) NOT NULL,
        \`reason\` varchar(32) NOT NULL,
        \`rrsets\` json NOT NULL,
        \`zone_settings\` json NOT NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_zone_snapshots_domain_id\` (\`domain_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(
      `ALTER TABLE \`zone_snapshots\` ADD CONSTRAINT \`fk_zone_snapshots_domain_id\` FOREIGN KEY (\`domain_id\`) REFERENCES \`domains\`(\`id\`) ON DELETE CASCADE ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `UPDATE \`platform_config\` SET \`value\` = '"INCREASE"', \`description\` = ? WHERE \`key\` = 'soa_edit_api'`,
      [
        'PowerDNS SOA-EDIT-API of the zones ScaiDNS creates. INCREASE: the SOA serial rises by one on every change committed through the API.',
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE \`platform_config\` SET \`value\` = '"DEFAULT"' WHERE \`key\` = 'soa_edit_api'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`zone_snapshots\` DROP FOREIGN KEY \`fk_zone_snapshots_domain_id\``,
    );
    await queryRunner.query(`DROP INDEX \`uq_zone_snapshots_domain_id\` ON \`zone_snapshots\``);
    await queryRunner.query(`DROP TABLE \`zone_snapshots\``);
  }
}

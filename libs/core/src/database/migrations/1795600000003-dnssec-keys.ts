import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `dnssec_keys`: each zone key's role and rollover state; PowerDNS holds the material (DnssecKey). */
export class DnssecKeys1795600000003 implements MigrationInterface {
  name = 'DnssecKeys1795600000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`dnssec_keys\` (
        \`id\` char(36) NOT NULL,
        \`domain_id\` char(36) NOT NULL,
        \`pdns_key_id\` int NOT NULL,
        \`role\` varchar(8) NOT NULL,
        \`algorithm\` smallint NOT NULL,
        \`key_tag\` int NOT NULL,
        \`state\` varchar(16) NOT NULL,
        \`ds_seen_at\` datetime(6) NULL,
        \`next_step_at\` datetime(6) NULL,
        \`expires_at\` datetime(6) NOT NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_dnssec_keys_domain_id\` (\`domain_id\`),
        INDEX \`idx_dnssec_keys_next_step_at\` (\`next_step_at\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(
      `ALTER TABLE \`dnssec_keys\` ADD CONSTRAINT \`fk_dnssec_keys_domain_id\` FOREIGN KEY (\`domain_id\`) REFERENCES \`domains\`(\`id\`) ON DELETE CASCADE ON UPDATE RESTRICT`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`dnssec_keys\` DROP FOREIGN KEY \`fk_dnssec_keys_domain_id\``,
    );
    await queryRunner.query(`DROP INDEX \`idx_dnssec_keys_next_step_at\` ON \`dnssec_keys\``);
    await queryRunner.query(`DROP INDEX \`idx_dnssec_keys_domain_id\` ON \`dnssec_keys\``);
    await queryRunner.query(`DROP TABLE \`dnssec_keys\``);
  }
}

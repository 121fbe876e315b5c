import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `record_stamps`: when each record ScaiDNS wrote was created (see RecordStampRow; no foreign key on
 * purpose).
 */
export class RecordStamps1795600000001 implements MigrationInterface {
  name = 'RecordStamps1795600000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`record_stamps\` (
        \`domain_id\` char(36) NOT NULL,
        \`fqdn\` varchar(255) NOT NULL,
        \`type\` varchar(10) NOT NULL,
        \`content_hash\` char(64) NOT NULL,
        \`created_at\` datetime(6) NOT NULL,
        PRIMARY KEY (\`domain_id\`, \`fqdn\`, \`type\`, \`content_hash\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`record_stamps\``);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `record_id_pins`: keeps a record's id when a PATCH changes its content (see RecordIdPinRow). */
export class RecordIdPins1795406254973 implements MigrationInterface {
  name = 'RecordIdPins1795406254973';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`record_id_pins\` (
        \`id\` char(36) NOT NULL,
        \`domain_id\` char(36) NOT NULL,
        \`fqdn\` varchar(255) NOT NULL,
        \`type\` varchar(10) NOT NULL,
        \`content_hash\` char(64) NOT NULL,
        \`content\` mediumtext NOT NULL,
        \`record_id\` char(36) NOT NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_record_id_pins_rrset_content\` (\`domain_id\`, \`fqdn\`, \`type\`, \`content_hash\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(
      `ALTER TABLE \`record_id_pins\` ADD CONSTRAINT \`fk_record_id_pins_domain_id\` FOREIGN KEY (\`domain_id\`) REFERENCES \`domains\`(\`id\`) ON DELETE CASCADE ON UPDATE RESTRICT`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`record_id_pins\` DROP FOREIGN KEY \`fk_record_id_pins_domain_id\``,
    );
    await queryRunner.query(`DROP INDEX \`uq_record_id_pins_rrset_content\` ON \`record_id_pins\``);
    await queryRunner.query(`DROP TABLE \`record_id_pins\``);
  }
}

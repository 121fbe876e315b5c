import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity sync (ScaiKey webhooks and `scaidns sync`): the `webhook_events` inbox, ScaiKey's
 * `updated_at` on every mirrored row (so an older event or snapshot never overwrites newer state),
 * and on users their ScaiKey status and application assignment, from which `status` is derived.
 */
export class IdentitySync1795404500000 implements MigrationInterface {
  name = 'IdentitySync1795404500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`webhook_events\` (
        \`id\` char(36) NOT NULL,
        \`event_id\` varchar(128) NOT NULL,
        \`event_type\` varchar(64) NOT NULL,
        \`resource_key\` varchar(255) NULL,
        \`event_timestamp\` datetime(6) NOT NULL,
        \`payload\` json NOT NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'pending',
        \`attempts\` int NOT NULL DEFAULT '0',
        \`message\` varchar(512) NULL,
        \`last_error\` text NULL,
        \`received_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`processed_at\` datetime(6) NULL,
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_webhook_events_status\` (\`status\`),
        INDEX \`idx_webhook_events_resource\` (\`resource_key\`, \`event_timestamp\`),
        UNIQUE INDEX \`uq_webhook_events_event_id\` (\`event_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`ALTER TABLE \`partners\` ADD \`scaikey_updated_at\` datetime(6) NULL`);
    await queryRunner.query(`ALTER TABLE \`tenants\` ADD \`scaikey_updated_at\` datetime(6) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`users\` ADD \`scaikey_status\` varchar(16) NOT NULL DEFAULT 'active'`,
    );
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`assigned\` tinyint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`scaikey_updated_at\` datetime(6) NULL`);
    await queryRunner.query(`ALTER TABLE \`groups\` ADD \`scaikey_updated_at\` datetime(6) NULL`);
    // Users switched off before this migration: keep them off once status is derived from these.
    await queryRunner.query(
      "UPDATE `users` SET `scaikey_status` = 'suspended' WHERE `status` = 'suspended'",
    );
    await queryRunner.query(
      "UPDATE `users` SET `scaikey_status` = 'deleted' WHERE `status` = 'inactive'",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`groups\` DROP COLUMN \`scaikey_updated_at\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`scaikey_updated_at\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`assigned\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`scaikey_status\``);
    await queryRunner.query(`ALTER TABLE \`tenants\` DROP COLUMN \`scaikey_updated_at\``);
    await queryRunner.query(`ALTER TABLE \`partners\` DROP COLUMN \`scaikey_updated_at\``);
    await queryRunner.query(`DROP TABLE \`webhook_events\``);
  }
}

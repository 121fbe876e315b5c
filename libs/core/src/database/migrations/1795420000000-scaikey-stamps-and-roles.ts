import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose `scaikey_updated_at` becomes `scaikey_updated_us`. */
const MIRRORED = ['partners', 'tenants', 'users', 'groups'] as const;
const EPOCH = "'1970-01-01 00:00:00'";

/**
 * Identity events ordered to ScaiKey's full precision, and ScaiKey's admin roles kept with the user:
 * - every ScaiKey stamp (`scaikey_updated_at` of partners, tenants, users, groups, and
 *   `webhook_events.event_timestamp`) becomes a BIGINT of microseconds since the epoch
 *   (`…_us`): a DATETIME(6) holds microseconds, but mysql2 and TypeORM read it into a JS Date and
 *   write it from one, so anything finer than a millisecond never survived a round trip. Values
 *   are converted exactly (the DATETIMEs hold UTC: the connection's timezone is 'Z');
 * - `users.scaikey_roles` (and its own stamp) holds ScaiKey's admin roles, so API keys, which have
 *   no token, carry the ScaiDNS roles those imply.
 */
export class ScaiKeyStampsAndRoles1795420000000 implements MigrationInterface {
  name = 'ScaiKeyStampsAndRoles1795420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of MIRRORED) {
      await queryRunner.query(`ALTER TABLE \`${table}\` ADD \`scaikey_updated_us\` bigint NULL`);
      await queryRunner.query(
        `UPDATE \`${table}\` SET \`scaikey_updated_us\` = TIMESTAMPDIFF(MICROSECOND, ${EPOCH}, \`scaikey_updated_at\`)`,
      );
      await queryRunner.query(`ALTER TABLE \`${table}\` DROP COLUMN \`scaikey_updated_at\``);
    }
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`scaikey_roles\` json NULL`);
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`scaikey_roles_updated_us\` bigint NULL`);

    await queryRunner.query(
      `ALTER TABLE \`webhook_events\` ADD \`event_timestamp_us\` bigint NULL`,
    );
    await queryRunner.query(
      `UPDATE \`webhook_events\` SET \`event_timestamp_us\` = TIMESTAMPDIFF(MICROSECOND, ${EPOCH}, \`event_timestamp\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`webhook_events\` MODIFY \`event_timestamp_us\` bigint NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX \`idx_webhook_events_resource\` ON \`webhook_events\``);
    await queryRunner.query(`ALTER TABLE \`webhook_events\` DROP COLUMN \`event_timestamp\``);
    await queryRunner.query(
      `CREATE INDEX \`idx_webhook_events_resource\` ON \`webhook_events\` (\`resource_key\`, \`event_timestamp_us\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`webhook_events\` ADD \`event_timestamp\` datetime(6) NULL`,
    );
    await queryRunner.query(
      `UPDATE \`webhook_events\` SET \`event_timestamp\` = TIMESTAMPADD(MICROSECOND, \`event_timestamp_us\`, ${EPOCH})`,
    );
    await queryRunner.query(
      `ALTER TABLE \`webhook_events\` MODIFY \`event_timestamp\` datetime(6) NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX \`idx_webhook_events_resource\` ON \`webhook_events\``);
    await queryRunner.query(`ALTER TABLE \`webhook_events\` DROP COLUMN \`event_timestamp_us\``);
    await queryRunner.query(
      `CREATE INDEX \`idx_webhook_events_resource\` ON \`webhook_events\` (\`resource_key\`, \`event_timestamp\`)`,
    );

    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`scaikey_roles_updated_us\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`scaikey_roles\``);
    for (const table of [...MIRRORED].reverse()) {
      await queryRunner.query(
        `ALTER TABLE \`${table}\` ADD \`scaikey_updated_at\` datetime(6) NULL`,
      );
      await queryRunner.query(
        `UPDATE \`${table}\` SET \`scaikey_updated_at\` = TIMESTAMPADD(MICROSECOND, \`scaikey_updated_us\`, ${EPOCH})`,
      );
      await queryRunner.query(`ALTER TABLE \`${table}\` DROP COLUMN \`scaikey_updated_us\``);
    }
  }
}

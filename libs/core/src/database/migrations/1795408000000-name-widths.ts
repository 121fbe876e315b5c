import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room for the longest legal names: a challenge's `_scaidns-verify.` + a 253-character zone name,
 * and an audit entry naming a record (its full name and type). Audit ids as long as what produces
 * them: a webhook's event id (128) as actor, a client's X-Request-ID (128).
 */
export class NameWidths1795408000000 implements MigrationInterface {
  name = 'NameWidths1795408000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`validation_challenges\` MODIFY \`record_name\` varchar(270) NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`audit_logs\`
        MODIFY \`actor_id\` varchar(128) NULL,
        MODIFY \`resource_name\` varchar(320) NULL,
        MODIFY \`request_id\` varchar(128) NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Cut what the wider columns hold first: strict mode refuses to narrow over longer values.
    await queryRunner.query(
      `UPDATE \`audit_logs\` SET
        \`actor_id\` = LEFT(\`actor_id\`, 64),
        \`resource_name\` = LEFT(\`resource_name\`, 255),
        \`request_id\` = LEFT(\`request_id\`, 64)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`audit_logs\`
        MODIFY \`actor_id\` varchar(64) NULL,
        MODIFY \`resource_name\` varchar(255) NULL,
        MODIFY \`request_id\` varchar(64) NULL`,
    );
    await queryRunner.query(
      `UPDATE \`validation_challenges\` SET \`record_name\` = LEFT(\`record_name\`, 255)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`validation_challenges\` MODIFY \`record_name\` varchar(255) NOT NULL`,
    );
  }
}

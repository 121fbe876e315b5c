import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `zone_commit_intents.committed_before`: the zone's earlier intents whose PATCH had committed and
 * whose settlement was not yet confirmed when this one was written (see ZoneCommitIntent).
 */
export class IntentProofs1795800000000 implements MigrationInterface {
  name = 'IntentProofs1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `zone_commit_intents` ADD `committed_before` json NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `zone_commit_intents` DROP COLUMN `committed_before`');
  }
}

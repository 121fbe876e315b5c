import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `zone_commit_intents`: a zone commit's audit entries, durable before its PATCH (ZoneCommitIntent). */
export class ZoneCommitIntents1795500000000 implements MigrationInterface {
  name = 'ZoneCommitIntents1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`zone_commit_intents\` (
        \`id\` char(36) NOT NULL,
        \`pdns_zone_id\` varchar(255) NOT NULL,
        \`rrsets\` json NOT NULL,
        \`audit_entries\` json NOT NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`idx_zone_commit_intents_zone\` (\`pdns_zone_id\`),
        INDEX \`idx_zone_commit_intents_created_at\` (\`created_at\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`zone_commit_intents\``);
  }
}

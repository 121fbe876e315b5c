import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEY = 'authoritative_domains';

/**
 * The platform setting `authoritative_domains` (`GET|PUT /admin/authoritative-domains`): the domains
 * this instance is authoritative for, used to validate zone transfers. Starts empty.
 */
export class AuthoritativeDomains1795600000000 implements MigrationInterface {
  name = 'AuthoritativeDomains1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'INSERT IGNORE INTO `platform_config` (`key`, `value`, `description`, `updated_by`) VALUES (?, ?, ?, NULL)',
      [
        KEY,
        JSON.stringify([]),
        'Domains this ScaiDNS instance is authoritative for (used to validate zone transfers). Set with PUT /admin/authoritative-domains.',
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM `platform_config` WHERE `key` = ?', [KEY]);
  }
}

import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner } from 'nest-commander';
import type { DataSource } from 'typeorm';

@Command({
  name: 'migrate',
  description: 'Apply pending database migrations (creates and seeds the schema)',
})
export class MigrateCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    try {
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      if (applied.length === 0) {
        console.log('Database schema is up to date.');
        return;
      }
      for (const migration of applied) console.log(`applied ${migration.name}`);
      console.log(`${applied.length} migration(s) applied.`);
    } finally {
      await this.dataSource.destroy();
    }
  }
}

import { randomUUID } from 'node:crypto';
import { BeforeInsert, PrimaryColumn } from 'typeorm';

/**
 * A `char(36)` UUID primary key filled in by the application, not by MariaDB: `@PrimaryGeneratedColumn('uuid')`
 * maps to MariaDB's native `uuid` type on 10.7+ (and `varchar(36)` below), so the schema would depend on the
 * server version and the foreign-key columns (`char(36)`) would not match it.
 *
 * The id is assigned by `@BeforeInsert`, which TypeORM calls for entity instances only: build rows with
 * `repository.create({...})` (or `new X()`) before `save`/`insert`, never with plain object literals.
 */
export abstract class UuidPrimaryEntity {
  @PrimaryColumn({ name: 'id', type: 'char', length: 36 })
  id: string;

  @BeforeInsert()
  protected assignId(): void {
    if (!this.id) this.id = randomUUID();
  }
}

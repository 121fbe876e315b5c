import type { DataSource } from 'typeorm';
import { AuditService } from './audit.service';
import type { AuditEntryInput } from './audit.types';

/** A data source whose INSERTs wait until the test lets them finish. */
function fakeDataSource() {
  const inserts: { sql: string; params: unknown[]; finish: (error?: Error) => void }[] = [];
  const columns = ['id', 'action'].map((name) => ({
    databaseName: name,
    getEntityValue: (e: Record<string, unknown>) => e[name],
  }));
  const connection = {
    getMetadata: () => ({ tableName: 'audit_logs', columns }),
    driver: { escape: (n: string) => `\`${n}\``, preparePersistentValue: (v: unknown) => v },
  };
  const manager = {
    connection,
    query: (sql: string, params: unknown[]) =>
      new Promise<void>((resolve, reject) =>
        inserts.push({ sql, params, finish: (e) => (e ? reject(e) : resolve()) }),
      ),
  };
  return { dataSource: { manager, ...connection } as unknown as DataSource, inserts };
}

const input = (action: string): AuditEntryInput =>
  ({
    tenantId: null,
    actor: { type: 'system', id: null, email: null },
    origin: null,
    action,
    resourceType: 'record',
    resourceId: null,
    resourceName: null,
  }) as unknown as AuditEntryInput;

const tick = () => new Promise((r) => setImmediate(r));

describe('AuditService.append (group commit)', () => {
  it('writes entries that arrive while an INSERT runs together in the next one', async () => {
    const { dataSource, inserts } = fakeDataSource();
    const audit = new AuditService(dataSource);
    const first = audit.append(input('record.a'));
    await tick();
    const later = [
      audit.append(input('record.b')),
      audit.append(input('record.c')),
      audit.append(input('record.d')),
    ];
    await tick();
    expect(inserts).toHaveLength(1);
    inserts[0].finish();
    await expect(first).resolves.toMatchObject({ action: 'record.a' });
    await tick();
    expect(inserts).toHaveLength(2);
    expect(inserts[1].sql).toBe(
      'INSERT INTO `audit_logs` (`id`, `action`) VALUES (?, ?), (?, ?), (?, ?)',
    );
    expect(inserts[1].params.filter((_, i) => i % 2 === 1)).toEqual([
      'record.b',
      'record.c',
      'record.d',
    ]);
    inserts[1].finish();
    await expect(Promise.all(later)).resolves.toHaveLength(3);
  });

  it('a failed INSERT fails exactly the entries it carried; the next ones still go', async () => {
    const { dataSource, inserts } = fakeDataSource();
    const audit = new AuditService(dataSource);
    const first = audit.append(input('record.a'));
    await tick();
    const second = audit.append(input('record.b'));
    inserts[0].finish(new Error('deadlock'));
    await expect(first).rejects.toThrow('deadlock');
    await tick();
    inserts[1].finish();
    await expect(second).resolves.toMatchObject({ action: 'record.b' });
  });
});

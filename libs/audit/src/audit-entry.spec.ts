import { buildAuditEntry } from './audit-entry';
import type { AuditEntryInput } from './audit.types';

const input: AuditEntryInput = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  actor: { type: 'user', id: 'u1', email: 'a@example.com' },
  action: 'domain.create',
  resourceType: 'domain',
  resourceId: 'd1',
  resourceName: 'example.com',
  after: { name: 'example.com', created_at: new Date('2024-01-01T00:00:00Z') },
};

describe('buildAuditEntry', () => {
  const now = new Date('2024-06-01T12:00:00Z');

  it('fills every column, details as {before, after}, timestamp = now', () => {
    const entry = buildAuditEntry(input, now, undefined);
    expect(entry).toMatchObject({
      tenantId: input.tenantId,
      actorType: 'user',
      actorId: 'u1',
      actorEmail: 'a@example.com',
      action: 'domain.create',
      resourceType: 'domain',
      resourceId: 'd1',
      resourceName: 'example.com',
      details: {
        before: null,
        after: { name: 'example.com', created_at: '2024-01-01T00:00:00.000Z' },
      },
      ipAddress: null,
      userAgent: null,
      requestId: null,
      timestamp: now,
    });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes the request id from the origin first, else from the request context', () => {
    expect(buildAuditEntry(input, now, 'ctx-id').requestId).toBe('ctx-id');
    const withOrigin = { ...input, origin: { requestId: 'origin-id', ip: '192.0.2.1' } };
    expect(buildAuditEntry(withOrigin, now, 'ctx-id')).toMatchObject({
      requestId: 'origin-id',
      ipAddress: '192.0.2.1',
    });
  });

  it('keeps a 128-character request id and a record name with its type whole', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}. AAAA`;
    const entry = buildAuditEntry(
      { ...input, resourceName: name, origin: { requestId: 'r'.repeat(128) } },
      now,
      undefined,
    );
    expect(entry.resourceName).toBe(name);
    expect(entry.requestId).toHaveLength(128);
  });

  it('cuts an over-long user agent, request id and resource name to their columns', () => {
    const entry = buildAuditEntry(
      {
        ...input,
        resourceName: 'n'.repeat(400),
        origin: { userAgent: 'Mozilla/5.0 '.repeat(100), requestId: 'r'.repeat(200) },
      },
      now,
      undefined,
    );
    expect(entry.userAgent).toHaveLength(512);
    expect(entry.requestId).toHaveLength(128);
    expect(entry.resourceName).toHaveLength(320);
  });

  it('refuses a malformed action or actor type (programming errors)', () => {
    expect(() => buildAuditEntry({ ...input, action: 'create' }, now, undefined)).toThrow(/action/);
    expect(() => buildAuditEntry({ ...input, action: 'Domain.Create' }, now, undefined)).toThrow();
    expect(() =>
      buildAuditEntry(
        { ...input, actor: { type: 'robot' as 'user', id: null, email: null } },
        now,
        undefined,
      ),
    ).toThrow(/actor type/);
  });

  it('accepts dotted verbs', () => {
    expect(
      buildAuditEntry({ ...input, action: 'domain.validation.start' }, now, undefined).action,
    ).toBe('domain.validation.start');
  });
});

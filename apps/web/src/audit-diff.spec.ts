import { diffDetails } from './audit-diff';

describe('diffDetails (the audit log shows before/after as a diff)', () => {
  it('pairs each field of before and after and says how it changed', () => {
    const rows = diffDetails(
      { name: 'www', content: '192.0.2.10', ttl: 300, disabled: false },
      { name: 'www', content: '192.0.2.20', ttl: 300, comment: 'moved' },
    );
    expect(rows).toEqual([
      { path: 'comment', before: undefined, after: 'moved', change: 'added' },
      { path: 'content', before: '192.0.2.10', after: '192.0.2.20', change: 'changed' },
      { path: 'disabled', before: 'false', after: undefined, change: 'removed' },
      { path: 'name', before: 'www', after: 'www', change: 'same' },
      { path: 'ttl', before: '300', after: '300', change: 'same' },
    ]);
  });

  it('flattens nested objects and lists to dotted paths', () => {
    expect(diffDetails(undefined, { records: [{ content: 'a' }], settings: {} })).toEqual([
      { path: 'records.0.content', before: undefined, after: 'a', change: 'added' },
      { path: 'settings', before: undefined, after: '{}', change: 'added' },
    ]);
  });

  it('shows a creation (no before) and a deletion (no after)', () => {
    expect(diffDetails(null, { id: 'x', note: null })).toEqual([
      { path: 'id', before: undefined, after: 'x', change: 'added' },
      { path: 'note', before: undefined, after: 'null', change: 'added' },
    ]);
    expect(diffDetails({ id: 'x' }, null)).toEqual([
      { path: 'id', before: 'x', after: undefined, change: 'removed' },
    ]);
  });
});

import { parse } from 'dotenv';
import { envValue, updateEnvText } from './env-file-update';

describe('updateEnvText', () => {
  const before = [
    '# ScaiDNS',
    'DATABASE_URL=mysql://u:p@h/db',
    '',
    'export SCAIKEY_CLIENT_ID=old',
    'SCAIKEY_CLIENT_SECRET=old-secret # trailing comment',
    'SCAIKEY_CLIENT_ID=duplicate',
    'PORT=8000',
  ].join('\n');

  it('rewrites existing lines in place, drops duplicates, appends new ones, keeps the rest', () => {
    const after = updateEnvText(before, {
      SCAIKEY_CLIENT_ID: 'new-id',
      SCAIKEY_CLIENT_SECRET: 's3cr#t "x"',
      SCAIKEY_APPLICATION_ID: 'app_1',
    });
    expect(after.split('\n')).toEqual([
      '# ScaiDNS',
      'DATABASE_URL=mysql://u:p@h/db',
      '',
      'SCAIKEY_CLIENT_ID=new-id',
      'SCAIKEY_CLIENT_SECRET=\'s3cr#t "x"\'',
      'PORT=8000',
      'SCAIKEY_APPLICATION_ID=app_1',
      '',
    ]);
    expect(parse(after)).toMatchObject({
      SCAIKEY_CLIENT_ID: 'new-id',
      SCAIKEY_CLIENT_SECRET: 's3cr#t "x"',
      SCAIKEY_APPLICATION_ID: 'app_1',
      PORT: '8000',
    });
  });

  it('writes a new file and is idempotent', () => {
    const once = updateEnvText('', { A: '1' });
    expect(once).toBe('A=1\n');
    expect(updateEnvText(once, { A: '1' })).toBe(once);
  });

  it('quotes only what needs it', () => {
    expect(envValue('client-abc_1.2')).toBe('client-abc_1.2');
    expect(envValue('a b')).toBe("'a b'");
    expect(envValue("it's")).toBe('"it\'s"');
    expect(envValue(`'"`)).toBe('`\'"`');
    expect(parse(`A=${envValue("it's # not a comment")}`).A).toBe("it's # not a comment");
    expect(() => envValue('a\nb')).toThrow(/line break/);
  });
});

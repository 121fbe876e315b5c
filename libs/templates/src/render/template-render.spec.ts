import { AppError, type AppConfig } from '@app/core';
import { RecordRules } from '@app/zones';
import { SYSTEM_TEMPLATES } from '../../../core/src/database/migrations/1795401160000-seed-system-data';
import { MAIL_AND_CAA_TEMPLATES } from '../../../core/src/database/migrations/1795600000002-mail-and-caa-templates';
import { renderTemplate, type TemplateDefinition, templateProblems } from './template-render';
import { substitute } from './template-variables';

const rules = new RecordRules({ records: { ttlMin: 60, ttlMax: 86400 } } as AppConfig);

function detailOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && typeof error.detail === 'object') {
      return { code: error.code, ...error.detail };
    }
    throw error;
  }
  throw new Error('expected an AppError');
}

const web: TemplateDefinition = {
  records: [
    { name: '@', type: 'A', content: '${ip}', ttl: 300 },
    { name: 'www', type: 'CNAME', content: '${domain}.', ttl: 300 },
    { name: '${sub}', type: 'TXT', content: '"for ${domain}"', ttl: 300 },
  ],
  variables: [
    { name: 'ip', description: 'web server', required: true },
    { name: 'sub', description: 'a label', required: false },
  ],
};

describe('templateProblems', () => {
  it.each([...SYSTEM_TEMPLATES, ...MAIL_AND_CAA_TEMPLATES].map((t) => [t.name, t] as const))(
    'finds nothing wrong with the system template %s',
    (_name, t) => {
      expect(templateProblems(t, rules)).toEqual([]);
    },
  );

  it('accepts a template with variables and built-ins', () => {
    expect(templateProblems(web, rules)).toEqual([]);
  });

  it('names the record of each literal that can never be valid', () => {
    const problems = templateProblems(
      {
        records: [
          { name: '@', type: 'A', content: '999.1.1.1', ttl: 300 },
          { name: '@', type: 'NS', content: 'ns1.example.net.', ttl: 300 },
          { name: 'www', type: 'BOGUS', content: 'x', ttl: 300 },
          { name: 'mail', type: 'A', content: '192.0.2.1', ttl: 5 },
          { name: 'web.other.org.', type: 'A', content: '192.0.2.1', ttl: 300 },
        ],
        variables: [],
      },
      rules,
    );
    expect(problems.map((p) => p.index)).toEqual([0, 2, 3, 4, 1]);
    expect(problems[0].message).toMatch(/^records\[0\] \(@ A\): /);
    expect(problems[1].message).toMatch(/records\[2\] \(www BOGUS\).*not supported/);
    expect(problems[2].message).toMatch(/records\[3\] \(mail A\).*TTL|ttl/i);
    expect(problems[4].message).toMatch(/records\[1\] \(@ NS\).*managed by ScaiDNS/);
  });

  it('refuses literal records that break the zone rules together (CNAME beside other data)', () => {
    const problems = templateProblems(
      {
        records: [
          { name: 'www', type: 'CNAME', content: 'elsewhere.example.net.', ttl: 300 },
          { name: 'www', type: 'A', content: '192.0.2.1', ttl: 300 },
          { name: '@', type: 'CNAME', content: 'elsewhere.example.net.', ttl: 300 },
        ],
        variables: [],
      },
      rules,
    );
    expect(problems.map((p) => p.message).join('\n')).toMatch(/CNAME can't share/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/can't be at the zone apex/);
  });

  it('refuses bad variable names, built-in shadowing, repeats and undeclared placeholders', () => {
    const problems = templateProblems(
      {
        records: [{ name: '@', type: 'TXT', content: '"${nope} ${ok}"', ttl: 300 }],
        variables: [
          { name: '1bad', description: '', required: false },
          { name: 'domain', description: '', required: false },
          { name: 'ok', description: '', required: false },
          { name: 'ok', description: '', required: false },
        ],
      },
      rules,
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/variables\[0\] \(1bad\): a variable name is/),
      expect.stringMatching(/variables\[1\] \(domain\): domain is a built-in/),
      expect.stringMatching(/variables\[3\] \(ok\): declared twice/),
      expect.stringMatching(/records\[0\] \(@ TXT\): \$\{nope\} is not a declared/),
    ]);
  });
});

describe('renderTemplate', () => {
  it('substitutes variables and built-ins in names and contents, in canonical form', () => {
    const r = renderTemplate(web, 'Shop.Example', { ip: ' 192.0.2.10 ', sub: 'info' }, rules);
    expect(r.records.map((x) => [x.fqdn, x.type, x.content, x.ttl])).toEqual([
      ['shop.example.', 'A', '192.0.2.10', 300],
      ['www.shop.example.', 'CNAME', 'shop.example.', 300],
      ['info.shop.example.', 'TXT', '"for shop.example"', 300],
    ]);
    expect(r.omitted).toEqual([]);
  });

  it('names every missing required variable; unknown ones are ignored', () => {
    expect(detailOf(() => renderTemplate(web, 'example.com', { other: 'x' }, rules))).toMatchObject(
      { code: 'BAD_REQUEST', field: 'variables', missing: ['ip'] },
    );
    expect(detailOf(() => renderTemplate(web, 'example.com', { ip: '  ' }, rules))).toMatchObject({
      missing: ['ip'],
    });
  });

  it('refuses a value that makes a record invalid, naming the record and the variable', () => {
    const detail = detailOf(() => renderTemplate(web, 'example.com', { ip: 'not-an-ip' }, rules));
    expect(detail).toMatchObject({ code: 'BAD_REQUEST', field: 'variables' });
    expect(detail.errors).toEqual([
      {
        index: 0,
        variables: ['ip'],
        message: expect.stringMatching(/^records\[0\] \(@ A\) with \$\{ip\}: /),
      },
    ]);
  });

  it('leaves out a record whose optional variable was not given', () => {
    const r = renderTemplate(web, 'example.com', { ip: '192.0.2.1' }, rules);
    expect(r.records).toHaveLength(2);
    expect(r.omitted).toEqual([
      expect.objectContaining({
        index: 2,
        name: '${sub}',
        reason: expect.stringMatching(/\$\{sub\}/),
      }),
    ]);
  });

  it('never reads a value as a template (one pass)', () => {
    expect(
      substitute(
        '${a}-${b}',
        new Map([
          ['a', '${b}'],
          ['b', 'x'],
        ]),
      ),
    ).toBe('${b}-x');
    // `${domain}` given as a value stays literal: no valid name, so the record names ${sub}.
    const detail = detailOf(() =>
      renderTemplate(web, 'example.com', { ip: '192.0.2.1', sub: '${domain}' }, rules),
    );
    expect(detail.errors).toEqual([expect.objectContaining({ index: 2, variables: ['sub'] })]);
  });

  it('refuses values that are not strings or numbers', () => {
    expect(detailOf(() => renderTemplate(web, 'example.com', { ip: ['x'] }, rules))).toMatchObject({
      message: expect.stringMatching(/ip must be a string/),
    });
  });
});

import { checkPrimarySettings } from './primary-settings';

const settings = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('checkPrimarySettings', () => {
  const secondaries = [
    { host: '127.0.0.1', port: 5301 },
    { host: '192.0.2.53', port: 53 },
  ];

  it('is ok when PowerDNS notifies and lets every secondary transfer', () => {
    const findings = checkPrimarySettings(
      settings({
        primary: 'yes',
        'also-notify': '127.0.0.1:5301, 192.0.2.53',
        'allow-axfr-ips': '127.0.0.0/8,192.0.2.0/24',
        'xfr-cycle-interval': '5',
      }),
      secondaries,
      false,
    );
    expect(findings.every((f) => f.status === 'ok')).toBe(true);
    expect(findings).toHaveLength(5);
  });

  it('warns about a primary that does not notify, a missing also-notify and a refused transfer', () => {
    const findings = checkPrimarySettings(
      settings({
        primary: 'no',
        'also-notify': '127.0.0.1:5302',
        'allow-axfr-ips': '127.0.0.0/8',
        'xfr-cycle-interval': '120',
      }),
      secondaries,
      false,
    );
    const warnings = findings.filter((f) => f.status === 'warn').map((f) => f.message);
    expect(warnings).toEqual([
      'primary is not yes: PowerDNS sends no NOTIFY',
      '127.0.0.1:5301 is not in also-notify: it hears of changes only at its SOA refresh',
      '192.0.2.53:53 is not in also-notify: it hears of changes only at its SOA refresh',
      '192.0.2.53 is not covered by allow-axfr-ips: its transfers are refused',
      expect.stringContaining('xfr-cycle-interval=120'),
    ]);
  });

  it('does not check addresses when transfers are signed with TSIG', () => {
    const findings = checkPrimarySettings(
      settings({ primary: 'yes', 'also-notify': '127.0.0.1:5301,192.0.2.53' }),
      secondaries,
      true,
    );
    expect(findings.map((f) => f.message)).not.toContainEqual(
      expect.stringContaining('allow-axfr-ips'),
    );
  });
});

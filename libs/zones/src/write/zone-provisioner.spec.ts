import { soaContent } from './zone-provisioner';

describe('soaContent', () => {
  it('names the first platform nameserver and the zone’s hostmaster', () => {
    expect(soaContent('example.com', 'ns1.scaidns.net', 7)).toBe(
      'ns1.scaidns.net. hostmaster.example.com. 7 10800 3600 604800 3600',
    );
  });

  it('falls back to the nameserver domain’s hostmaster when the zone name is too long for it', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(50)}.example.com`;
    const soa = soaContent(long, 'ns1.scaidns.net.', 1);
    expect(soa.split(' ')[1]).toBe('hostmaster.scaidns.net.');
    expect(soaContent('x'.repeat(230) + '.example.com', 'ns1.scaidns.net', 1).split(' ')[1]).toBe(
      `hostmaster.${'x'.repeat(230)}.example.com.`,
    );
  });
});

import { Metrics, pdnsEndpointTemplate } from './metrics';

describe('pdnsEndpointTemplate', () => {
  it.each([
    ['/api/v1/servers', '/api/v1/servers'],
    ['/api/v1/servers/localhost', '/api/v1/servers/{server}'],
    ['/api/v1/servers/localhost/zones', '/api/v1/servers/{server}/zones'],
    ['/api/v1/servers/localhost/zones/example.com.', '/api/v1/servers/{server}/zones/{zone}'],
    [
      '/api/v1/servers/localhost/zones/example.com./cryptokeys/12?x=1',
      '/api/v1/servers/{server}/zones/{zone}/cryptokeys/{key}',
    ],
    [
      '/pdns/api/v1/servers/a/zones/=2Fodd./metadata/SOA-EDIT-API',
      '/pdns/api/v1/servers/{server}/zones/{zone}/metadata/{kind}',
    ],
    ['/api/v1/servers/localhost/zones/z./rectify', '/api/v1/servers/{server}/zones/{zone}/rectify'],
  ])('%s → %s', (path, template) => {
    expect(pdnsEndpointTemplate(path)).toBe(template);
  });
});

describe('Metrics', () => {
  it('keeps its metrics in its own registry, so two apps in one process never collide', async () => {
    const a = new Metrics({ metricsEnabled: false });
    const b = new Metrics({ metricsEnabled: false });
    a.cacheObserver('domains')('hit');
    expect(await a.registry.metrics()).toContain(
      'scaidns_cache_requests_total{cache="domains",result="hit"} 1',
    );
    expect(await b.registry.metrics()).not.toContain('cache="domains"');
    expect(await a.registry.metrics()).not.toContain('process_resident_memory_bytes');
  });
});

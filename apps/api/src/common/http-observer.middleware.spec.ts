import type { Request } from 'express';
import { routeTemplate, serverTimingValue } from './http-observer.middleware';

describe('serverTimingValue', () => {
  it('lists each part with its duration, a count when several, and the total last', () => {
    expect(
      serverTimingValue(
        [
          { name: 'auth', ms: 1.234, count: 1 },
          { name: 'db', ms: 3, count: 4 },
        ],
        9.87,
      ),
    ).toBe('auth;dur=1.2, db;dur=3.0;desc="4", total;dur=9.9');
    expect(serverTimingValue([], 0.04)).toBe('total;dur=0.0');
  });
});

describe('routeTemplate', () => {
  const req = (route: unknown): Request => ({ route, baseUrl: '' }) as unknown as Request;
  it('is the matched route template, never the raw path', () => {
    expect(routeTemplate(req({ path: '/api/v1/domains/:id' }), 200)).toBe('/api/v1/domains/:id');
  });
  it('names what no route matched once, whatever its path', () => {
    expect(routeTemplate(req(undefined), 404)).toBe('unmatched');
    expect(routeTemplate(req({ path: '/api/v1/{*path}' }), 404)).toBe('unmatched');
    expect(routeTemplate(req(undefined), 200)).toBe('other');
  });
});

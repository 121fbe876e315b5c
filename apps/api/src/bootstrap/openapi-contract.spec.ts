import { Controller, Get, Post } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { JwtOnly, Public, RequirePermission } from '../auth/auth.decorators';
import { completeContract, routeAccessByOperationId } from './openapi-contract';

@Controller('things')
class ThingsController {
  @Get()
  @Public()
  list(): void {}

  @Post(':id')
  @RequirePermission('things:update', { domainParam: 'id' })
  update(): void {}

  @Get('mine')
  @JwtOnly()
  mine(): void {}

  helper(): void {}
}

function documentWith(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things': {
        get: {
          operationId: 'Things_list',
          tags: ['health'],
          responses: { '200': { description: '' } },
        },
      },
      '/things/{id}': {
        post: {
          operationId: 'Things_update',
          tags: ['records'],
          parameters: [{ name: 'id', in: 'path', required: true }],
          requestBody: { content: { 'application/json': { schema: {} } } },
          responses: { '201': { description: 'made' }, '404': { description: 'declared' } },
        },
      },
      '/things/mine': {
        get: {
          operationId: 'Things_mine',
          tags: ['me'],
          responses: { '200': { description: '' } },
        },
      },
    },
  };
}

describe('the OpenAPI contract', () => {
  const access = routeAccessByOperationId([ThingsController]);
  const document = completeContract(documentWith(), access);
  const list = document.paths['/things'].get!;
  const update = document.paths['/things/{id}'].post!;
  const mine = document.paths['/things/mine'].get!;

  it('reads every route handler, and only route handlers', () => {
    expect([...access.keys()].sort()).toEqual(['Things_list', 'Things_mine', 'Things_update']);
  });

  it('states the security the guard enforces', () => {
    expect(list.security).toEqual([]);
    expect(update.security).toEqual([{ bearer: [] }, { api_key: [] }]);
    expect(mine.security).toEqual([{ bearer: [] }]);
  });

  it('describes the permission and where it is checked', () => {
    expect(list.description).toMatch(/public/);
    expect(update.description).toMatch(/`things:update` on the domain named by `\{id\}`/);
    expect(mine.description).toMatch(/API keys are refused/);
  });

  it('adds the error responses an operation can give, keeping declared ones', () => {
    expect(Object.keys(update.responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '502', '503'].sort(),
    );
    expect(update.responses['404']).toEqual({ description: 'declared' });
    expect(update.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
    expect(Object.keys(list.responses)).toEqual(['200']);
    expect(Object.keys(mine.responses).sort()).toEqual(['200', '401', '403', '429', '503']);
  });

  it('puts the rate-limit headers on successes and Retry-After on 429', () => {
    expect(Object.keys((update.responses['201'] as { headers: object }).headers)).toEqual([
      'RateLimit',
      'RateLimit-Policy',
    ]);
    expect(document.components?.responses?.RateLimited).toMatchObject({
      headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
    });
    expect((list.responses['200'] as { headers?: object }).headers).toBeUndefined();
  });

  it('lists the tags, a server and the error schemas', () => {
    expect(document.servers).toEqual([{ url: '/', description: 'This ScaiDNS instance' }]);
    expect(document.tags?.map((t) => t.name)).toContain('records');
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['HTTPError', 'ConflictError', 'HTTPValidationError']),
    );
  });

  it('refuses an operation with no route behind it', () => {
    const doc = documentWith();
    doc.paths['/ghost'] = { get: { operationId: 'Ghost_get', responses: {} } };
    expect(() => completeContract(doc, access)).toThrow(/GET \/ghost has no route metadata/);
  });
});

describe('the committed OpenAPI document', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const committed = require('../../../../openapi.json') as OpenAPIObject;

  it('answers creations 200, as the public docs do ("201: rare; usually 200")', () => {
    const created = Object.entries(committed.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(
          ([, op]) => typeof op === 'object' && op && 'responses' in op && op.responses['201'],
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(created).toEqual([]);
  });
});

import type { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type {
  OpenAPIObject,
  OperationObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  IS_PUBLIC,
  JWT_ONLY,
  REQUIRED_PERMISSION,
  type RequiredPermission,
} from '../auth/auth.decorators';

/**
 * What the auth guard will do with a route, read from the same metadata the guard reads: the document
 * states the security, permission and errors each operation really has, so it can't drift from them.
 */
export interface RouteAccess {
  readonly isPublic: boolean;
  readonly jwtOnly: boolean;
  readonly permission?: RequiredPermission;
}

/** operationId (as `operationIdFactory` makes it) → the route's access, for every controller method. */
export function routeAccessByOperationId(controllers: readonly Type[]): Map<string, RouteAccess> {
  const byId = new Map<string, RouteAccess>();
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const methodName of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[methodName];
      if (methodName === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const read = <T>(key: symbol): T | undefined =>
        (Reflect.getMetadata(key, handler) as T | undefined) ??
        (Reflect.getMetadata(key, controller) as T | undefined);
      byId.set(operationId(controller.name, methodName), {
        isPublic: read<boolean>(IS_PUBLIC) === true,
        jwtOnly: read<boolean>(JWT_ONLY) === true,
        permission: read<RequiredPermission>(REQUIRED_PERMISSION),
      });
    }
  }
  return byId;
}

export function operationId(controllerName: string, methodName: string): string {
  return `${controllerName.replace(/Controller$/, '')}_${methodName}`;
}

/** Tags, in the order a reader meets them, with what each group of operations is for. */
export const API_TAGS: readonly { name: string; description: string }[] = [
  { name: 'health', description: 'Liveness and readiness probes (public).' },
  {
    name: 'auth',
    description:
      'How to sign in with ScaiKey (public configuration) and who the credentials belong to.',
  },
  { name: 'me', description: "The caller's own user, tenant, roles and permissions." },
  {
    name: 'domains',
    description: 'Zones: create, list, update, soft-delete, restore and hard-delete.',
  },
  {
    name: 'validation',
    description: 'Proving ownership of a zone with a TXT challenge before it is served.',
  },
  {
    name: 'records',
    description: 'Resource records of a zone, and zone import and export.',
  },
  {
    name: 'dnssec',
    description: 'Signing a zone: keys, the DS records for its parent, and key rolls.',
  },
  {
    name: 'reverse-zones',
    description: 'Reverse zones (IPv4, RFC 2317 classless, IPv6) and their PTR records.',
  },
  {
    name: 'templates',
    description:
      'Reusable record sets with variables, previewed as a diff and applied to a zone in one atomic write (a copy: the zone keeps no link to the template).',
  },
  {
    name: 'access-grants',
    description: 'Per-zone grants, optionally fenced to record names and types.',
  },
  { name: 'roles', description: 'Built-in and custom roles, and their assignments.' },
  {
    name: 'api-keys',
    description:
      'API keys for scripts and ACME clients (managed with a user token only; keys cannot manage keys).',
  },
  { name: 'audit', description: 'The audit log of every change.' },
  {
    name: 'admin',
    description: 'Platform administration: tenants, users, groups, nameservers and configuration.',
  },
  { name: 'webhooks', description: 'Signed identity events from ScaiKey.' },
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const WRITE_METHODS = new Set(['post', 'put', 'patch']);
/** Operations that talk to PowerDNS and so can answer 502 when it is unreachable. */
const PDNS_TAGS = new Set([
  'domains',
  'validation',
  'records',
  'dnssec',
  'reverse-zones',
  'templates',
]);

const ERROR_REF = { $ref: '#/components/schemas/HTTPError' };

function errorResponse(name: string, description: string, schema: object) {
  return { name, response: { description, content: { 'application/json': { schema } } } };
}

/** The error responses operations refer to, by status (`components.responses`). */
const ERROR_RESPONSES = {
  '400': errorResponse(
    'BadRequest',
    'The request is well-formed but its content is refused',
    ERROR_REF,
  ),
  '401': errorResponse(
    'Unauthenticated',
    'Not authenticated (missing, invalid or expired credentials)',
    ERROR_REF,
  ),
  '403': errorResponse('Forbidden', 'Authenticated, but not allowed to do this', ERROR_REF),
  '404': errorResponse('NotFound', 'Not found, or not visible to the caller', ERROR_REF),
  '409': errorResponse('Conflict', 'Conflicts with the current state', {
    $ref: '#/components/schemas/ConflictError',
  }),
  '413': errorResponse('PayloadTooLarge', 'The request body is too large', ERROR_REF),
  '415': errorResponse('UnsupportedMediaType', 'The request body is not JSON', ERROR_REF),
  '422': errorResponse('ValidationFailed', 'The request does not match the schema', {
    $ref: '#/components/schemas/HTTPValidationError',
  }),
  '429': {
    name: 'RateLimited',
    response: {
      ...errorResponse('', 'Rate limit exceeded; retry after `Retry-After` seconds', ERROR_REF)
        .response,
      headers: {
        RateLimit: { $ref: '#/components/headers/RateLimit' },
        'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
        'Retry-After': { $ref: '#/components/headers/Retry-After' },
      },
    },
  },
  '502': errorResponse('UpstreamUnavailable', 'PowerDNS is unavailable or failed', ERROR_REF),
  '503': errorResponse(
    'ServiceUnavailable',
    'A backing service (database, Redis) is unavailable',
    ERROR_REF,
  ),
} as const;

const RATE_LIMIT_HEADERS = {
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
};

/**
 * Completes the generated document into a contract a client generator can trust: every operation
 * gets the security the guard enforces (`security: []` when public), a description of the access it
 * needs, its error responses with schemas, and the rate-limit headers; the document gets its tags,
 * servers and error schemas. Responses a controller declares itself are kept as they are.
 */
export function completeContract(
  document: OpenAPIObject,
  access: ReadonlyMap<string, RouteAccess>,
): OpenAPIObject {
  document.servers = [{ url: '/', description: 'This ScaiDNS instance' }];
  document.tags = API_TAGS.map((tag) => ({ ...tag }));
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...ERROR_SCHEMAS };
  document.components.headers = { ...document.components.headers, ...HEADERS };
  document.components.responses = {
    ...document.components.responses,
    ...Object.fromEntries(Object.values(ERROR_RESPONSES).map((e) => [e.name, e.response])),
  };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = operation.operationId ? access.get(operation.operationId) : undefined;
      if (!route) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} has no route metadata`);
      completeOperation(operation, method, route);
    }
  }
  return document;
}

function completeOperation(operation: OperationObject, method: string, route: RouteAccess): void {
  operation.security = route.isPublic
    ? []
    : route.jwtOnly
      ? [{ bearer: [] }]
      : [{ bearer: [] }, { api_key: [] }];
  const access = describeAccess(route);
  operation.description = operation.description ? `${operation.description}\n\n${access}` : access;

  const parameters = (operation.parameters ?? []) as { in?: string }[];
  const hasPath = parameters.some((p) => p.in === 'path');
  const hasInput = operation.requestBody !== undefined || parameters.length > 0;
  const responses = operation.responses;
  const add = (status: keyof typeof ERROR_RESPONSES): void => {
    responses[status] ??= { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
  };

  if (hasInput) {
    add('400');
    add('422');
  }
  if (operation.requestBody !== undefined) {
    add('413');
    add('415');
  }
  if (!route.isPublic) {
    add('401');
    add('403');
    add('429');
    if (WRITE_METHODS.has(method)) add('409');
    for (const [status, response] of Object.entries(responses)) {
      if (!status.startsWith('2') || !response || '$ref' in response) continue;
      response.headers = { ...RATE_LIMIT_HEADERS, ...response.headers };
    }
  }
  if (hasPath) add('404');
  if ((operation.tags ?? []).some((tag) => PDNS_TAGS.has(tag))) add('502');
  if (!route.isPublic) add('503');
  for (const [status, response] of Object.entries(responses)) {
    if (response && !('$ref' in response) && !response.description) {
      response.description = status === '204' ? 'No content' : 'Success';
    }
  }
}

function describeAccess(route: RouteAccess): string {
  if (route.isPublic) return '**Access:** public; no credentials.';
  const who = route.jwtOnly
    ? 'a user Bearer token (API keys are refused with 403)'
    : 'a user Bearer token or an API key (`X-API-Key`)';
  const permission = route.permission;
  if (!permission) return `**Access:** ${who}; any authenticated caller.`;
  const scope = permission.scope;
  const where =
    scope === 'tenant'
      ? "in the caller's tenant"
      : scope === 'platform'
        ? 'at platform scope (platform administrators)'
        : 'domainParam' in scope
          ? `on the domain named by \`{${scope.domainParam}}\` (another tenant's domain is 404)`
          : `on the domain named by the body's \`${scope.domainBody}\` (another tenant's domain is 404)`;
  return `**Access:** ${who}; requires \`${permission.permission}\` ${where}.`;
}

const ERROR_SCHEMAS = {
  HTTPError: {
    type: 'object',
    required: ['detail'],
    properties: { detail: { type: 'string', example: 'Domain not found' } },
  },
  ConflictError: {
    type: 'object',
    required: ['detail'],
    properties: {
      detail: {
        oneOf: [
          { type: 'string' },
          {
            type: 'object',
            required: ['message'],
            properties: {
              message: { type: 'string' },
              field: { type: 'string' },
              conflicts: { type: 'array', items: {} },
            },
          },
        ],
      },
    },
  },
  ValidationError: {
    type: 'object',
    required: ['loc', 'msg', 'type'],
    properties: {
      loc: {
        type: 'array',
        items: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        example: ['body', 'name'],
      },
      msg: { type: 'string', example: 'field required' },
      type: { type: 'string', example: 'value_error.missing' },
    },
  },
  HTTPValidationError: {
    type: 'object',
    required: ['detail'],
    properties: {
      detail: { type: 'array', items: { $ref: '#/components/schemas/ValidationError' } },
    },
  },
};

const HEADERS = {
  RateLimit: {
    description:
      "The caller's current quota: `limit=100, remaining=42, reset=30` (draft-ietf-httpapi-ratelimit-headers-07).",
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'The quota policy: `100;w=60` (requests per 60-second window).',
    schema: { type: 'string' },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer' },
  },
};

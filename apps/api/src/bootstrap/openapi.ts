import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BUILD_INFO } from '@app/core';
import { completeContract, operationId, routeAccessByOperationId } from './openapi-contract';

/** The OpenAPI document, generated from the controllers and DTOs (Swagger CLI plugin). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ScaiDNS API')
    .setDescription(
      'Multi-tenant DNS control plane in front of PowerDNS. Errors are `{"detail": …}`; ' +
        'request validation failures are 422 with `{"detail": [{loc, msg, type}]}`.',
    )
    .setVersion(BUILD_INFO.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api_key')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationId,
  });
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
  );
  return sortEnums(completeContract(document, routeAccessByOperationId(controllers)));
}

/**
 * The Swagger plugin lists a string-union's members in the compiler's internal order, which can
 * differ between two builds of the same code; sorted, the committed openapi.json stays comparable.
 */
function sortEnums<T>(node: T): T {
  visit(node);
  return node;
}

function visit(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'enum' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      value.sort();
    } else {
      visit(value);
    }
  }
}

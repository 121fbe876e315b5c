import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, generated from the controllers and DTOs (Swagger CLI plugin). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ScaiDNS API')
    .setDescription(
      'Multi-tenant DNS control plane in front of PowerDNS. Errors are `{"detail": …}`; ' +
        'request validation failures are 422 with `{"detail": [{loc, msg, type}]}`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api_key')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return sortEnums(document);
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

import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { RequestValidationError, toValidationIssues } from './request-validation.error';

/**
 * The global ValidationPipe: strips nothing silently (unknown fields are refused), converts types,
 * and reports failures as 422 items whose `loc` starts with body, query or path.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationError(toValidationIssues(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof RequestValidationError) {
        const location = metadata.type === 'param' ? 'path' : metadata.type;
        throw error.withLocation(location === 'custom' ? 'body' : location);
      }
      throw error;
    }
  }
}

import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { RequestValidationError, toValidationIssues } from './request-validation.error';

/**
 * The global ValidationPipe. Unknown body fields and query parameters are dropped, not refused, as
 * FastAPI (where the public docs come from) does, so a client a little ahead or behind still works;
 * only declared fields reach a controller. Types are converted, and failures are 422 items in
 * pydantic's shape whose `loc` starts with body, query or path. The target and value are kept on
 * the errors only so that toValidationIssues can tell a missing field and read the constraints'
 * limits; neither is ever sent.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: false,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: true, value: true },
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

import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * How many characters MariaDB counts in a utf8mb4 column: Unicode code points. class-validator's
 * own MaxLength/Length count differently (validator.js skips U+FE0E and U+FE0F), so a string they
 * call 255 characters long could still overflow varchar(255) and fail the INSERT.
 */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/**
 * At most `max` characters, counted as MariaDB counts them. Use this (not class-validator's) on
 * every DTO string, so a value the DTO admits always fits the column it is stored in; the name is
 * class-validator's so that the Swagger plugin documents it as `maxLength`.
 */
export function MaxLength(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && characterCount(value) <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be shorter than or equal to $constraint1 characters`,
          options,
        ),
      },
    },
    options,
  );
}

/** Between `min` and `max` characters, counted as MariaDB counts them (see MaxLength). */
export function Length(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const count = characterCount(value);
          return count >= min && count <= max;
        },
        defaultMessage: buildMessage((each, args) => {
          const short = typeof args?.value === 'string' && characterCount(args.value) < min;
          return short
            ? `${each}$property must be longer than or equal to $constraint1 characters`
            : `${each}$property must be shorter than or equal to $constraint2 characters`;
        }, options),
      },
    },
    options,
  );
}

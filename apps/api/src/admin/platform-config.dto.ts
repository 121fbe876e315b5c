import { ValidateBy } from 'class-validator';
import type { PlatformConfig } from '@app/core';

export class PlatformConfigDto {
  key: string;
  /** Any JSON value; null means "not set here: the environment's setting applies". */
  value: unknown;
  description: string | null;
  /** The platform admin who last changed it; null for the seeded value. */
  updated_by: string | null;
  updated_at: string;
}

export class PlatformConfigListDto {
  configs: PlatformConfigDto[];
}

export class UpdatePlatformConfigDto {
  /** The new value (JSON; null to fall back to the environment's setting where a key allows it). */
  @ValidateBy({
    name: 'isPresent',
    validator: {
      validate: (value: unknown) => value !== undefined,
      defaultMessage: () => 'value is required (null is a value)',
    },
  })
  value: unknown;
}

export function toPlatformConfigDto(entry: PlatformConfig): PlatformConfigDto {
  return {
    key: entry.key,
    value: entry.value ?? null,
    description: entry.description,
    updated_by: entry.updatedBy,
    updated_at: entry.updatedAt.toISOString(),
  };
}

import type { ValueTransformer } from 'typeorm';

/** bigint comes back from mysql2 as a number while it fits (`supportBigNumbers`), else as a string. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

import { SetMetadata } from '@nestjs/common';
import type { JobName } from '@app/core';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a method as the handler of one job; the dispatcher finds it through discovery. */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

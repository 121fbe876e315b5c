export * from './rate-limit.headers';
export * from './rate-limit.module';
export * from './rate-limit.types';
export * from './rate-limiter.service';

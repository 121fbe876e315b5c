import { Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter.service';

/** Provides the RateLimiter; the Redis client comes from the global CoreModule. */
@Module({
  providers: [RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}

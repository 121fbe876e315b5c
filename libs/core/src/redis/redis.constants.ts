import { Inject } from '@nestjs/common';

/** Injection token of the shared ioredis client (commands only; BullMQ opens its own connections). */
export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

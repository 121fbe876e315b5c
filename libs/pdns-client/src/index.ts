export * from './pdns-client.module';
export * from './pdns.client';
export * from './pdns.errors';
export * from './pdns.types';
export * from './pdns-zone-id';
export { ensureTsigKey, TSIG_ALGORITHM } from './tsig-key';
export { PdnsDatabase } from './pdns-database';

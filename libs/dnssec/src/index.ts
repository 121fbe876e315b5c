export * from './dnssec.module';

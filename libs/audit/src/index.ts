export * from './audit-details';
export * from './audit-query.service';
export * from './audit.module';
export * from './audit.service';
export * from './audit.types';

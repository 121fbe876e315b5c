export * from './access.types';
export * from './permissions';
export * from './record-pattern';
export * from './access-decision';
export * from './implied-roles';
export * from './access.service';
export * from './zone-access';
export * from './access-coverage';

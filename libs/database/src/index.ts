export * from './schemas';
export * from './database.module';
export * from './unit-of-work';
export * from './migrate';
export * from './pg-errors';
export * from './rows';
export * from './prepared-client';
export * from './commit-wait';

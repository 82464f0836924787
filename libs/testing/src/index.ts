export * from './test-database';
export * from './http-client';
export * from './test-app';
export * from './factories';
export * from './redis-server';
export * from './stripe-stand-in';
export * from './redis-keys';
export * from './in-parallel';

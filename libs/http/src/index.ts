export * from './logger';
export * from './bootstrap';
export * from './core.module';
export * from './health.controller';
export * from './validators';
export * from './id.pipe';
export * from './patch';

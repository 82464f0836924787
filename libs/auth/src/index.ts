export * from './roles';
export * from './decorators';
export * from './auth.guard';
export * from './access';
export * from './token.service';
export * from './auth.module';
export * from './hs256';
export * from './remote-client';

import { Global, Module } from '@nestjs/common';
import { Env, loadEnv } from './env';

/** Provides the validated Env everywhere; validation happens when the module is built, before anything else. */
@Global()
@Module({
  providers: [{ provide: Env, useFactory: () => loadEnv() }],
  exports: [Env],
})
export class ConfigModule {
  static forEnv(env: Env) {
    return { module: ConfigModule, global: true, providers: [{ provide: Env, useValue: env }], exports: [Env] };
  }
}

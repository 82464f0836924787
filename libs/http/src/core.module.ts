import { DynamicModule, Module, Type } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { ConfigModule, Env } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { HealthController } from './health.controller';

/** The infrastructure every process has, plus the service modules it hosts. */
@Module({})
export class CoreModule {
  static with(env: Env, serviceModules: Array<Type | DynamicModule>): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forEnv(env), DatabaseModule.forRoot(), QueueModule, AuthModule, ...serviceModules],
      controllers: [HealthController],
    };
  }
}

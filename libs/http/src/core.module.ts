import { DynamicModule, Logger, Module, OnApplicationShutdown, Type } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { ConfigModule, Env } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { HealthController } from './health.controller';

/** The infrastructure every process has, plus the service modules it hosts. */
@Module({})
export class CoreModule implements OnApplicationShutdown {
  // Nest calls this with the other modules' shutdown hooks (workers, relay, queues, the pool); it marks a clean stop in the log.
  onApplicationShutdown(signal?: string) {
    new Logger('Shutdown').log({ msg: 'shut down cleanly', signal });
  }

  static with(env: Env, serviceModules: Array<Type | DynamicModule>): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forEnv(env), DatabaseModule.forRoot(), QueueModule, AuthModule, ...serviceModules],
      controllers: [HealthController],
    };
  }
}

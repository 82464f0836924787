import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '@app/config';
import { PreparingClient } from './prepared-client';
import { UnitOfWork } from './unit-of-work';

/**
 * One DataSource (one pool) per process. Entities come from the hosted services' forFeature calls, and
 * each entity names its own schema, so a process hosting one service only knows that service's tables.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [Env],
          useFactory: (env: Env) => ({
            type: 'postgres' as const,
            url: env.DATABASE_URL,
            autoLoadEntities: true,
            synchronize: false,
            migrationsRun: false,
            poolSize: env.DB_POOL_SIZE,
            // count(*) and bigint sums stay exact numbers in JS for values we store (far below 2^53)
            parseInt8: true,
            // Client: statements planned once per connection (see prepared-client.ts). Forcing generic plans
            // (DB_SESSION_OPTIONS='-c plan_cache_mode=force_generic_plan') was measured slower on checkout.
            extra: {
              Client: PreparingClient,
              application_name: 'zhaotong-o2o',
              statement_timeout: 15_000,
              idle_in_transaction_session_timeout: 30_000,
              ...(env.DB_SESSION_OPTIONS ? { options: env.DB_SESSION_OPTIONS } : {}),
            },
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [UnitOfWork],
      exports: [UnitOfWork],
    };
  }
}

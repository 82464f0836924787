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
            // Client: statements planned once per connection (see prepared-client.ts). plan_cache_mode: left to
            // itself, PostgreSQL re-plans on every call the statements whose generic plan it estimates dearer
            // than a custom one, which our CTE statements with array parameters always are; their plans do
            // not depend on the values, and forcing the one plan was +30% checkouts/s (bench/checkout) with
            // browse and search unchanged or faster (bench/catalog, page cache off). Behind PgBouncer, which
            // refuses startup options, set it on the database instead (ALTER DATABASE … SET plan_cache_mode).
            extra: {
              Client: PreparingClient,
              application_name: 'zhaotong-o2o',
              statement_timeout: 15_000,
              idle_in_transaction_session_timeout: 30_000,
              options: '-c plan_cache_mode=force_generic_plan',
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

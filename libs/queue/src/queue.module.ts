import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ACCOUNT_STATUS_STORE } from '@app/auth';
import { Env } from '@app/config';
import { RedisAccountStatus } from './account-status';
import { BoardSession } from './admin/board-session';
import { DeadLettersController } from './admin/dead-letters.controller';
import { DeadLettersService } from './admin/dead-letters.service';
import { QueueAdminController } from './admin/queue-admin.controller';
import { QueueBoard } from './admin/queue-board';
import { QueueHealthService } from './admin/queue-health.service';
import { JobRunner } from './job-runner';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueClients } from './queue-clients';
import { RedisConnection } from './redis-connection';
import { RelaySignal } from './relay-signal';

@Global()
@Module({
  imports: [DiscoveryModule],
  // The admin endpoints and board live here because every process hosts queues; they see only its own.
  controllers: [QueueAdminController, DeadLettersController],
  providers: [
    RedisConnection,
    QueueClients,
    RelaySignal,
    OutboxService,
    OutboxRelay,
    JobRunner,
    QueueHealthService,
    DeadLettersService,
    BoardSession,
    QueueBoard,
    // Disabled accounts are shared through Redis too: every process's guard reads them (libs/auth/src/disabled-accounts.ts).
    {
      provide: ACCOUNT_STATUS_STORE,
      inject: [RedisConnection, Env],
      useFactory: (redis: RedisConnection, env: Env) => new RedisAccountStatus(redis.client, `${env.QUEUE_PREFIX}:disabled-accounts`),
    },
  ],
  exports: [RedisConnection, QueueClients, OutboxService, OutboxRelay, JobRunner, QueueHealthService, DeadLettersService, ACCOUNT_STATUS_STORE],
})
export class QueueModule {}

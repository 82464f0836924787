import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
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
  providers: [RedisConnection, QueueClients, RelaySignal, OutboxService, OutboxRelay, JobRunner, QueueHealthService, DeadLettersService, BoardSession, QueueBoard],
  exports: [RedisConnection, QueueClients, OutboxService, OutboxRelay, JobRunner, QueueHealthService, DeadLettersService],
})
export class QueueModule {}

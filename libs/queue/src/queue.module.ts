import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunner } from './job-runner';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueClients } from './queue-clients';
import { RedisConnection } from './redis-connection';
import { RelaySignal } from './relay-signal';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [RedisConnection, QueueClients, RelaySignal, OutboxService, OutboxRelay, JobRunner],
  exports: [RedisConnection, QueueClients, OutboxService, OutboxRelay, JobRunner],
})
export class QueueModule {}

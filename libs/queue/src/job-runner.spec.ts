import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Env, loadEnv } from '@app/config';
import { JobRunner } from './job-runner';
import { OnJob } from './on-job.decorator';
import { QueueClients } from './queue-clients';
import { RedisConnection } from './redis-connection';

@Injectable()
class CompleteHandlers {
  @OnJob('catalog.reservation.expire') expire() {}
  @OnJob('catalog.reservation.sweep') sweep() {}
}

@Injectable()
class MissingSweep {
  @OnJob('catalog.reservation.expire') expire() {}
}

@Injectable()
class SecondExpire {
  @OnJob('catalog.reservation.expire') again() {}
}

async function boot(...handlers: Array<new () => object>) {
  const env = loadEnv({ JWT_SECRET: 'x'.repeat(32), SERVICES: 'catalog', PROCESS_ROLE: 'api' });
  const mod = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobRunner, QueueClients, RedisConnection, { provide: Env, useValue: env }, ...handlers],
  }).compile();
  try {
    await mod.init();
    return mod.get(JobRunner).handlers.size;
  } finally {
    await mod.close().catch(() => undefined);
  }
}

describe('job registry checks at start-up', () => {
  it('starts when every job routed to a hosted queue has exactly one handler', async () => {
    await expect(boot(CompleteHandlers)).resolves.toBe(2);
  });

  it('refuses to start when a routed job has no handler', async () => {
    await expect(boot(MissingSweep)).rejects.toThrow('job catalog.reservation.sweep is routed to queue catalog but has no @OnJob handler');
  });

  it('refuses to start when a job has two handlers', async () => {
    await expect(boot(CompleteHandlers, SecondExpire)).rejects.toThrow('job catalog.reservation.expire has two @OnJob handlers on queue catalog');
  });

  it('asks the handler of an event with several queues to name its queue', () => {
    expect(() => OnJob('pickup.parcels.received')).toThrow(/name one of its queues: ordering, logistics/);
  });
});

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Env } from '@app/config';
import { QueueClients } from '../queue-clients';
import { BOARD_PATH, BoardSession } from './board-session';
import { QueueHealthService } from './queue-health.service';

/**
 * bull-board at /admin/queues for the queues this process hosts, behind the board cookie. Read-only: a
 * retry there would run the job without taking it out of the dead letters, so retries go through
 * /api/admin/dead-letters instead.
 */
@Injectable()
export class QueueBoard implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueBoard');

  constructor(
    private readonly env: Env,
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueClients,
    private readonly health: QueueHealthService,
    private readonly session: BoardSession,
  ) {}

  onApplicationBootstrap() {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (this.env.PROCESS_ROLE === 'worker' || typeof fastify?.register !== 'function') return;
    const board = new FastifyAdapter();
    board.setBasePath(BOARD_PATH);
    createBullBoard({
      queues: this.health.boardQueues().map((q) => new BullMQAdapter(this.queues.get(q), { readOnlyMode: true })),
      // @bull-board/fastify pins its own patch release of @bull-board/api: same shape, separately declared types.
      serverAdapter: board as unknown as IServerAdapter,
      options: { uiConfig: { boardTitle: '昭通 queues' } },
    });
    // Its own plugin scope, so the cookie check guards the board's pages, assets and API and nothing else.
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (req, reply) => this.guard(req, reply));
        await scope.register(board.registerPlugin());
      },
      { prefix: BOARD_PATH },
    );
    this.logger.log({ msg: 'queue board mounted', path: BOARD_PATH });
  }

  private async guard(req: FastifyRequest, reply: FastifyReply) {
    if (this.session.verify(req.headers.cookie)) return;
    await reply
      .code(401)
      .header('cache-control', 'no-store')
      .send({ status: 401, code: 'UNAUTHENTICATED', message: 'Open the queue board with POST /api/admin/queues/session (admin token) first', requestId: req.id });
  }
}

import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { extname, join } from 'node:path';
import { Env } from '@app/config';
import { defaultWebDir, readWebFiles, withClientConfig } from './web-files';

/** Paths that belong to the server, never to the app: an unknown one is the API's JSON 404. */
const SERVER_PATHS = /^\/(api|health|ready|admin\/queues|media)(\/|$)/;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built web app (dist/web, `npm run build:web`) from the all-in-one process: hashed assets
 * under /assets for a year, and index.html for every other GET that is not the server's, so the app's
 * own paths (/p/…, /orders/…) survive a reload. Nothing is registered when the app was not built.
 */
@Module({})
export class WebAppModule implements OnModuleInit {
  private readonly logger = new Logger('WebApp');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly env: Env,
  ) {}

  async onModuleInit(): Promise<void> {
    const dir = defaultWebDir();
    const files = readWebFiles(dir);
    if (!files) {
      this.logger.log({ msg: 'no built web app; serving the API only', dir });
      return;
    }
    const index = withClientConfig(files.index, {
      // Online payment is offered only when the server can take it (secret and webhook keys) and the
      // browser can show Stripe's form (publishable key).
      stripePublishableKey: this.env.STRIPE_SECRET_KEY && this.env.STRIPE_WEBHOOK_SECRET ? (this.env.STRIPE_PUBLISHABLE_KEY ?? null) : null,
      orderCutoff: this.env.ORDER_CUTOFF,
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Its own plugin scope, registered without awaiting: loading a plugin at the root while Nest is still
    // initialising left body-parse errors (malformed JSON) to Fastify's default handler instead of ours.
    void fastify.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root: join(dir, 'assets'),
        prefix: '/assets/',
        decorateReply: false,
        maxAge: '365d',
        immutable: true,
        // The build writes .br/.gz beside each file (apps/web/build/shell-worker.ts).
        preCompressed: true,
      });
      const sendIndex = (reply: FastifyReply) =>
        reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').type('text/html; charset=utf-8').send(index);
      scope.get('/', (_req, reply) => sendIndex(reply));
      scope.get('/*', (req: FastifyRequest, reply: FastifyReply) => {
        const path = req.url.split('?')[0];
        if (SERVER_PATHS.test(path)) return reply.callNotFound();
        const name = path.slice(1);
        const file = files.rootFiles.get(name);
        if (file) {
          // sw.js must be re-checked on every visit so a new build replaces the old shell.
          return reply.header('cache-control', 'no-cache').type(TYPES[extname(name)] ?? 'application/octet-stream').send(file);
        }
        if (extname(path) && !path.endsWith('.html')) return reply.callNotFound();
        return sendIndex(reply);
      });
    });
    this.logger.log({ msg: 'serving the web app', dir });
  }
}

import { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { FastifyError, FastifyReply, FastifyRequest, LogController } from 'fastify';
import { ConfigError, Env, loadEnv } from '@app/config';
import { AppError, createValidationPipe, ErrorFilter, toErrorBody } from '@app/errors';
import { CoreModule } from './core.module';
import { createRootLogger, NestPinoLogger } from './logger';

const UPLOAD_ROUTE = /^\/api\/catalog\/products\/[^/]+\/photos$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const WORKER_PATHS = new Set(['/health', '/ready']);

export interface AppOptions {
  /** Where JSON log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the HTTP application for the given service modules: the same for one service or all of them. */
export async function createApp(env: Env, serviceModules: Array<Type | DynamicModule>, opts: AppOptions = {}): Promise<NestFastifyApplication> {
  const root = createRootLogger(env.LOG_LEVEL, opts.logStream);
  const adapter = new FastifyAdapter({
    loggerInstance: root,
    // One line per request is written by our onResponse hook instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: env.TRUST_PROXY,
    bodyLimit: 256 * 1024,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Fastify refuses a few requests before any route or filter runs (a path parameter over 100
    // characters, a broken percent-escape) and would answer in a body of its own. A parameter that
    // long names nothing: the 404 a GET of the same path already gets.
    frameworkErrors: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('NOT_FOUND', 'Nothing is found at this path') : err);
      // No route, so no onSend hook either: the request id header is set here.
      void reply.code(body.status).header('x-request-id', req.id).send({ ...body, requestId: req.id });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(CoreModule.with(env, serviceModules), adapter, {
    rawBody: true,
    logger: new NestPinoLogger(root),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Request lines are written at info: below that level the hook would build each line for nothing.
  if (env.LOG_REQUESTS && root.isLevelEnabled('info')) {
    fastify.addHook('onResponse', async (req, reply) => {
      req.log.info({
        msg: 'request',
        method: req.method,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        user: (req as unknown as { user?: { id: string } }).user?.id,
      });
    });
  }
  // Bodies are JSON (photos: multipart). A form or plain text is refused with 415 rather than read as
  // something else; this parser takes the place of the urlencoded one Nest would add.
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser('application/x-www-form-urlencoded', {}, (_req, _body, done) =>
    done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json)'), undefined),
  );
  // Multipart is for photo uploads only; elsewhere its fields would be dropped silently and the call "succeed".
  fastify.addHook('onRequest', async (req) => {
    if (req.headers['content-type']?.startsWith('multipart/') && !UPLOAD_ROUTE.test(req.url.split('?')[0])) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json)');
    }
  });
  if (env.PROCESS_ROLE === 'worker') {
    // A worker-only replica answers the health probes (the image's HEALTHCHECK, an orchestrator's) and nothing else.
    fastify.addHook('onRequest', async (req, reply) => {
      if (!WORKER_PATHS.has(req.url.split('?')[0])) {
        await reply.code(404).send({ status: 404, code: 'NOT_FOUND', message: 'A worker-only process serves /health and /ready only', requestId: req.id });
      }
    });
  }
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  const uploads = resolve(env.UPLOAD_DIR);
  mkdirSync(uploads, { recursive: true });
  await app.register(fastifyStatic, { root: uploads, prefix: `${env.PUBLIC_MEDIA_PATH}/`, decorateReply: false, maxAge: '7d', immutable: true });

  if (env.SWAGGER_PATH && env.SWAGGER_PATH !== 'off') {
    const config = new DocumentBuilder()
      .setTitle('Zhaotong farm O2O API')
      .setDescription('Catalog, ordering, logistics and pickup points for Zhaotong farm produce. Money is integer fen (CNY).')
      .setVersion('0.1')
      .addBearerAuth()
      .build();
    const document = SwaggerModule.createDocument(app, config);
    SwaggerModule.setup(env.SWAGGER_PATH, app, document, { jsonDocumentUrl: `${env.SWAGGER_PATH}-json` });
  }
  return app;
}

/** The entry point of every process: validate the environment, build, listen, and say where. */
export async function runServices(defaultServices: string, serviceModules: Array<Type | DynamicModule>): Promise<void> {
  let env: Env;
  try {
    env = loadEnv({ SERVICES: defaultServices, ...process.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(env, serviceModules);
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  const started = env.PROCESS_ROLE === 'worker' ? `worker started; /health and /ready on port ${env.PORT}` : `listening on http://localhost:${env.PORT}`;
  app.getHttpAdapter().getInstance().log.info({ msg: started, services: env.SERVICES, role: env.PROCESS_ROLE });
}

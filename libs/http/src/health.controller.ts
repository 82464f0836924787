import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '@app/auth';
import { RedisConnection } from '@app/queue';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  /** Alive: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Ready: PostgreSQL and Redis both answer; else 503 saying which does not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: { status(code: number): void }) {
    const [postgres, redis] = await Promise.all([
      withTimeout(this.db.query('SELECT 1'), 2000).then(() => 'up', (e: Error) => `down: ${e.message}`),
      withTimeout(this.redis.client.ping(), 2000).then(() => 'up', (e: Error) => `down: ${e.message}`),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not ready', checks: { postgres, redis } };
  }
}

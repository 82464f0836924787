import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export const SERVICE_NAMES = ['identity', 'catalog', 'order', 'logistics', 'pickup-point'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Every setting the platform reads, validated once at start-up. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/zhaotong';

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * Session settings sent when each connection opens (libpq's `options`, e.g. `-c plan_cache_mode=auto`).
   * None by default. PgBouncer refuses startup options: behind it, set them on the database instead.
   */
  @IsString()
  DB_SESSION_OPTIONS = '';

  @IsString() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix; the braces make it a Redis Cluster hash tag so a queue's keys share a slot. */
  @IsString() @Matches(/^\{[A-Za-z0-9_:-]+\}$/, { message: 'QUEUE_PREFIX must look like {name}' })
  QUEUE_PREFIX = '{zt}';

  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(toInt) @IsInt() @Min(60)
  JWT_TTL_SECONDS = 12 * 3600;

  @IsString()
  UPLOAD_DIR = './.data/uploads';

  @IsString()
  PUBLIC_MEDIA_PATH = '/media';

  /** Comma-separated services this process hosts; the all-in-one process hosts them all. */
  @IsString() @Matches(/^(identity|catalog|order|logistics|pickup-point)(,(identity|catalog|order|logistics|pickup-point))*$/, {
    message: `SERVICES must be a comma-separated list of ${SERVICE_NAMES.join(', ')}`,
  })
  SERVICES = SERVICE_NAMES.join(',');

  /** Serve HTTP and/or run queue workers: 'worker' makes a worker-only replica. */
  @IsIn(['all', 'api', 'worker'])
  PROCESS_ROLE: 'all' | 'api' | 'worker' = 'all';

  @Transform(toInt) @IsInt() @Min(60) @Max(24 * 3600)
  RESERVATION_TTL_SECONDS = 15 * 60;

  @Transform(toBool) @IsBoolean()
  TRUST_PROXY = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool) @IsBoolean()
  LOG_REQUESTS = true;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  LOGIN_MAX_PER_PHONE = 10;

  /** How often each process reads the list of disabled accounts again (a disable made elsewhere shows within this). */
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  AUTH_DISABLED_REFRESH_MS = 2000;

  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  LOGIN_MAX_PER_ADDRESS = 30;

  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_WINDOW_SECONDS = 15 * 60;

  /**
   * Sign-ups allowed per client address in a window: each costs a password hash (tens of ms of CPU). Mobile
   * carriers put many phones behind one address, so the limit is generous rather than tight.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  REGISTER_MAX_PER_ADDRESS = 60;

  @Transform(toInt) @IsInt() @Min(1)
  REGISTER_WINDOW_SECONDS = 60 * 60;

  @IsOptional() @IsString()
  SWAGGER_PATH?: string = 'api/docs';

  /** How long a public browse or search page may be served from memory; 0 turns the cache off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  CATALOG_PAGE_CACHE_MS = 2000;

  /**
   * How long a product's price and stock, as carts and checkout's first check see them, may come from memory
   * (the reservation always reads the database); 0 reads every time.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  CATALOG_LOOKUP_CACHE_MS = 1000;

  /** Order placements one process runs at once; more wait their turn (see apps/order/src/orders/gate.ts). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  CHECKOUT_CONCURRENCY = 16;

  /** An online order not paid within this time expires and gives its stock and slot back. */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 3600)
  ORDER_PAYMENT_TTL_SECONDS = 15 * 60;

  /** Orders before this time (China) can be collected tomorrow; after it, the day after. */
  @IsString() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'ORDER_CUTOFF must be HH:MM' })
  ORDER_CUTOFF = '22:00';

  /** How many days ahead a buyer may choose a pickup day. */
  @Transform(toInt) @IsInt() @Min(1) @Max(60)
  PICKUP_HORIZON_DAYS = 14;

  /** Stripe: without a secret key the platform offers pay-at-pickup only. */
  @IsOptional() @IsString() @Matches(/^(sk|rk)_/, { message: 'STRIPE_SECRET_KEY must start with sk_ or rk_' })
  STRIPE_SECRET_KEY?: string;

  @IsOptional() @IsString() @Matches(/^whsec_/, { message: 'STRIPE_WEBHOOK_SECRET must start with whsec_' })
  STRIPE_WEBHOOK_SECRET?: string;

  @IsOptional() @IsString()
  STRIPE_PUBLISHABLE_KEY?: string;

  /** Only for tests and local stand-ins: where the Stripe SDK sends its requests. */
  @IsOptional() @IsString() @Matches(/^https?:\/\/[^/]+$/, { message: 'STRIPE_API_URL must be like http://127.0.0.1:12111' })
  STRIPE_API_URL?: string;

  @IsString() @Matches(/^[a-z_]+(,[a-z_]+)*$/, { message: 'STRIPE_PAYMENT_METHODS must be a comma-separated list like wechat_pay,alipay,card' })
  STRIPE_PAYMENT_METHODS = 'wechat_pay,alipay,card';

  /** Where the catalog and pickup-point services answer when they are not in this process. */
  @IsString() @Matches(/^https?:\/\//, { message: 'CATALOG_URL must be an http(s) URL' })
  CATALOG_URL = 'http://127.0.0.1:3000';

  @IsString() @Matches(/^https?:\/\//, { message: 'PICKUP_URL must be an http(s) URL' })
  PICKUP_URL = 'http://127.0.0.1:3000';

  /** Where the identity service answers when it is not in this process (the pickup points ask it who is staff). */
  @IsString() @Matches(/^https?:\/\//, { message: 'IDENTITY_URL must be an http(s) URL' })
  IDENTITY_URL = 'http://127.0.0.1:3000';

  /** Jobs one worker process runs at once per queue. */
  @Transform(toInt) @IsInt() @Min(1) @Max(256)
  QUEUE_CONCURRENCY = 32;

  /** How long a running job's lock lasts; a job whose worker died is run again after about this long. */
  @Transform(toInt) @IsInt() @Min(1000) @Max(600_000)
  QUEUE_LOCK_MS = 30_000;

  /** Fulfilment (docs/fulfilment.md). A packed weight within this many percent of the ordered weight sets the price. */
  @Transform(toInt) @IsInt() @Min(0) @Max(50)
  CATCH_WEIGHT_TOLERANCE_PCT = 5;

  /** When (China time) the next pickup day's parcels are planned into collection runs. */
  @IsString() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'COLLECTION_PLAN_AT must be HH:MM' })
  COLLECTION_PLAN_AT = '22:00';

  /** How long a parcel waits at the point before it is returned; perishables wait less. */
  @Transform(toInt) @IsInt() @Min(1) @Max(30)
  PICKUP_HOLD_DAYS = 3;

  @Transform(toInt) @IsInt() @Min(1) @Max(30)
  PICKUP_HOLD_DAYS_PERISHABLE = 1;

  /** Share of a returned (uncollected) parcel's value refunded to a buyer who paid online. */
  @Transform(toInt) @IsInt() @Min(0) @Max(100)
  RETURN_REFUND_PCT = 100;

  /** Wrong pickup codes on one collection before it locks until the buyer gets a new code. */
  @Transform(toInt) @IsInt() @Min(1) @Max(20)
  PICKUP_CODE_MAX_ATTEMPTS = 5;

  /** Key for the pickup codes' HMAC; defaults to one derived from JWT_SECRET. */
  @IsOptional() @IsString() @MinLength(32, { message: 'PICKUP_CODE_SECRET must be at least 32 characters' })
  PICKUP_CODE_SECRET?: string;
}

export class ConfigError extends Error {}

/** Validates raw environment variables; throws a ConfigError naming every bad variable. */
export function loadEnv(raw: Record<string, string | undefined> = process.env): Env {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Env, given, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => {
      const why = Object.values(e.constraints ?? {}).join('; ');
      return `  ${e.property}: ${e.value === undefined ? 'missing' : why}`;
    });
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return env;
}

export function hostedServices(env: Env): Set<ServiceName> {
  return new Set(env.SERVICES.split(',') as ServiceName[]);
}

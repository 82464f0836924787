import { loadEnv } from '@app/config';
import { migrateSchemas } from '@app/database';
import { MIGRATION_PLAN } from '../migrations';

/** Applies every schema's pending migrations: `npm run migrate`. */
async function main() {
  const env = loadEnv({ JWT_SECRET: 'x'.repeat(32), ...process.env });
  await migrateSchemas(env.DATABASE_URL, MIGRATION_PLAN, (line) => console.log(`migrate ${line}`));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

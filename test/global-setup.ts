import { migrateSchemas } from '../libs/database/src/migrate';
import { adminQuery, databaseUrl } from '../libs/testing/src/test-database';
import { MIGRATION_PLAN } from '../migrations';

/** Migrates one template database per run; every suite then copies it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup() {
  const name = `zt_template_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  await migrateSchemas(databaseUrl(name), MIGRATION_PLAN);
  process.env.ZT_TEMPLATE_DB = name;
}

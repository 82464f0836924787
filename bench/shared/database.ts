import { Client } from 'pg';

/** The benchmark's database and the server to reach it through (BENCH_ADMIN_URL names a database to connect to). */
export interface BenchDatabase {
  adminUrl: string;
  database: string;
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops what an earlier run may have left and makes the database again, empty; returns its URL. */
export async function recreateDatabase({ adminUrl, database }: BenchDatabase): Promise<string> {
  await dropDatabase({ adminUrl, database });
  await adminQuery(adminUrl, `CREATE DATABASE ${database}`);
  return databaseUrl(adminUrl, database);
}

export function dropDatabase({ adminUrl, database }: BenchDatabase): Promise<void> {
  return adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}

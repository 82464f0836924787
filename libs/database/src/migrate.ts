import { DataSource, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/** Applies each schema's migrations with its own history table inside that schema. */
export async function migrateSchemas(
  databaseUrl: string,
  plan: Array<{ schema: string; migrations: MigrationClass[] }>,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  for (const { schema, migrations } of plan) {
    const ds = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      schema,
      migrationsTableName: 'migrations',
      migrations,
      migrationsTransactionMode: 'each',
      logging: false,
    });
    await ds.initialize();
    try {
      await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const ran = await ds.runMigrations();
      log(`${schema}: ${ran.length ? ran.map((m) => m.name).join(', ') : 'up to date'}`);
    } finally {
      await ds.destroy();
    }
  }
}

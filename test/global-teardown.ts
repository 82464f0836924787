import { adminQuery } from '../libs/testing/src/test-database';

export default async function globalTeardown() {
  if (process.env.ZT_TEMPLATE_DB) await adminQuery(`DROP DATABASE IF EXISTS ${process.env.ZT_TEMPLATE_DB} WITH (FORCE)`);
}

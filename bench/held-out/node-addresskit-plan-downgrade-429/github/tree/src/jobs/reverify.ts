import { Client } from 'pg';
import { addressKit, AddressKitError } from '../clients/addresskit';
import { config } from '../config';
import { logger } from '../logger';

const BATCH = 250;

async function main() {
  logger.debug({ databaseUrl: config.databaseUrl, addresskit: config.addresskit.baseUrl }, 'reverify config');
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  const { rows } = await db.query(
    `SELECT id, line1, line2, city, postcode, country
       FROM address_book
      WHERE verified_at < now() - interval '180 days'
      ORDER BY verified_at
      LIMIT $1`,
    [BATCH],
  );
  logger.info({ candidates: rows.length }, 'reverify run started');

  let ok = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const result = await addressKit.verify(row);
      await db.query('UPDATE address_book SET verified_at = now(), verify_status = $2 WHERE id = $1', [
        row.id,
        result.status,
      ]);
      ok += 1;
    } catch (err) {
      failed += 1;
      if (err instanceof AddressKitError) {
        logger.warn({ err, addressId: row.id }, 'reverify failed for address');
        continue;
      }
      throw err;
    }
  }
  logger.info({ ok, failed }, 'reverify run finished');
  await db.end();
}

main().catch((err) => {
  logger.fatal({ err }, 'reverify crashed');
  process.exit(1);
});

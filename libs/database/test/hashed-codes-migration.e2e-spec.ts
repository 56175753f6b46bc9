import { createHash } from 'node:crypto';
import { MIGRATIONS } from '@rostrum/database';
import { scratchDatabase } from '@rostrum/testing';

/** An invitation issued before codes were hashed still redeems after the migration: its code is hashed in place. */
describe('migration SessionsAndHashedCodes (e2e)', () => {
  const scratch = scratchDatabase();
  const run = scratch.run;

  beforeAll(() => scratch.create());
  afterAll(() => scratch.drop());

  it('should replace each stored code by its SHA-256, as new codes are stored', async () => {
    const at = MIGRATIONS.findIndex((m) => m.name.startsWith('SessionsAndHashedCodes'));
    expect(at).toBeGreaterThan(0);
    await run(MIGRATIONS.slice(0, at), async (db) => {
      await db.query(
        `INSERT INTO invitations (code, role, expires_at) VALUES ('plain-code-1', 'panelist', now() + interval '1 day')`,
      );
    });
    await run(MIGRATIONS.slice(0, at + 1), async (db) => {
      const rows: { code_hash: string }[] = await db.query('SELECT code_hash FROM invitations');
      expect(rows).toEqual([{ code_hash: createHash('sha256').update('plain-code-1').digest('hex') }]);
    });
  });
});

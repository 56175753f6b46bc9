import { MIGRATIONS } from '@rostrum/database';
import { scratchDatabase } from '@rostrum/testing';

/**
 * Before accreditation any delegate could take part in any event: the migration accredits every existing
 * delegate to every existing event (nobody else), and ties a delegate invitation not yet redeemed to the only
 * event there is.
 */
describe('migration Accreditation (e2e)', () => {
  const scratch = scratchDatabase();
  const run = scratch.run;

  beforeAll(() => scratch.create());
  afterAll(() => scratch.drop());

  it('should accredit existing delegates to existing events and tie open delegate invitations to the event', async () => {
    const at = MIGRATIONS.findIndex((m) => m.name.startsWith('Accreditation'));
    expect(at).toBeGreaterThan(0);
    await run(MIGRATIONS.slice(0, at), async (db) => {
      await db.query(`INSERT INTO delegations (id, name, kind, code)
        VALUES ('00000000-0000-4000-8000-00000000000d', 'Brazil', 'member_state', 'BRA')`);
      await db.query(`INSERT INTO users (id, email, name, password_hash, role, delegation_id) VALUES
        ('00000000-0000-4000-8000-000000000001', 'd1@example.org', 'D1', 'x', 'delegate', '00000000-0000-4000-8000-00000000000d'),
        ('00000000-0000-4000-8000-000000000002', 'd2@example.org', 'D2', 'x', 'delegate', '00000000-0000-4000-8000-00000000000d'),
        ('00000000-0000-4000-8000-000000000003', 'm@example.org', 'M', 'x', 'moderator', NULL)`);
      await db.query(`INSERT INTO events (id, title, starts_at, ends_at)
        VALUES ('00000000-0000-4000-8000-0000000000e1', 'Only session', now(), now() + interval '1 day')`);
      await db.query(`INSERT INTO invitations (code_hash, role, delegation_id, expires_at) VALUES
        ('h1', 'delegate', '00000000-0000-4000-8000-00000000000d', now() + interval '1 day'),
        ('h2', 'panelist', NULL, now() + interval '1 day')`);
    });
    await run(MIGRATIONS.slice(0, at + 1), async (db) => {
      const participants = await db.query(
        `SELECT user_id AS "userId", event_id AS "eventId", status, focal_point AS "focalPoint"
         FROM participants ORDER BY user_id`,
      );
      expect(participants).toEqual(
        ['1', '2'].map((n) => ({
          userId: `00000000-0000-4000-8000-00000000000${n}`,
          eventId: '00000000-0000-4000-8000-0000000000e1',
          status: 'accredited',
          focalPoint: false,
        })),
      );
      const invitations = await db.query(`SELECT code_hash, event_id FROM invitations ORDER BY code_hash`);
      expect(invitations).toEqual([
        { code_hash: 'h1', event_id: '00000000-0000-4000-8000-0000000000e1' },
        { code_hash: 'h2', event_id: null },
      ]);
      const [event] = await db.query(`SELECT timezone, delegate_quota, groups FROM events`);
      expect(event).toEqual({ timezone: 'UTC', delegate_quota: 5, groups: [] });
    });
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@rostrum/test-harness';

const run = promisify(execFile);

describe('npm run seed:demo', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  const seed = () =>
    run('npm', ['run', '--silent', 'seed:demo'], {
      env: { ...process.env, DATABASE_URL: database.url },
      timeout: 60_000,
    });

  const counts = async () => {
    const db = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    try {
      const [row] = await db.query(`SELECT
        (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM delegations)::int AS delegations,
        (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM panels)::int AS panels,
        (SELECT count(*) FROM panel_moderators)::int AS moderators,
        (SELECT count(*) FROM delegations WHERE kind = 'observer')::int AS observers`);
      return row;
    } finally {
      await db.destroy();
    }
  };

  it('should create the demo conference once, however often it runs', async () => {
    const first = await seed();
    expect(first.stdout).toContain('Every demo account');
    expect(first.stdout).toMatch(/moderator +Moderator 1 +moderator1@demo\.rostrum\.local/);
    const afterOne = await counts();
    expect(afterOne).toEqual({
      users: 23,
      delegations: 12,
      events: 1,
      panels: 3,
      moderators: 3,
      observers: 2,
    });
    await seed();
    expect(await counts()).toEqual(afterOne);
  });
});

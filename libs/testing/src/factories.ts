import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_PANEL_SETTINGS, DelegationKind, PanelSettings, Role } from '@rostrum/contracts';
import { DelegationEntity, EventEntity, PanelEntity, ParticipantEntity, UserEntity } from '@rostrum/database';

export const TEST_PASSWORD = 'correct-horse-battery';
const hashes = new Map<string, Promise<string>>();
/** argon2 is slow on purpose; one hash per password per test file is enough. */
const hashOf = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, argon2.hash(password, { type: argon2.argon2id }));
  return hashes.get(password)!;
};
const unique = () => randomBytes(4).toString('hex');

export async function makeDelegation(
  db: DataSource,
  fields: Partial<{ name: string; kind: DelegationKind; code: string; region: string | null }> = {},
): Promise<DelegationEntity> {
  const repo = db.getRepository(DelegationEntity);
  const code = fields.code ?? `T${unique().toUpperCase().slice(0, 6)}`;
  return repo.save(
    repo.create({
      name: fields.name ?? `Delegation ${code}`,
      kind: fields.kind ?? 'member_state',
      code,
      region: fields.region ?? null,
    }),
  );
}

export async function makeUser(
  db: DataSource,
  role: Role,
  fields: Partial<{
    name: string;
    email: string;
    password: string;
    delegationId: string;
    /**
     * Delegates only: the events they are accredited to. Left out, a delegate is accredited to every event
     * there is now and every one made later by `makeEvent` — the world before accreditation, which tests
     * about something else rely on. Give the events to test accreditation itself.
     */
    accreditedTo: (EventEntity | { id: string })[];
  }> = {},
): Promise<UserEntity> {
  let delegationId = fields.delegationId ?? null;
  if (role === 'delegate' && !delegationId) delegationId = (await makeDelegation(db)).id;
  const repo = db.getRepository(UserEntity);
  const tag = unique();
  const user = await repo.save(
    repo.create({
      role,
      name: fields.name ?? `${role} ${tag}`,
      email: (fields.email ?? `${role}-${tag}@test.rostrum.local`).toLowerCase(),
      passwordHash: await hashOf(fields.password ?? TEST_PASSWORD),
      delegationId,
    }),
  );
  if (role === 'delegate') {
    if (fields.accreditedTo) {
      for (const event of fields.accreditedTo) await accredit(db, user, event);
    } else {
      await accreditEverywhere(db, [user.id]);
    }
  }
  return user;
}

/** Delegates made without `accreditedTo`, per test file: `makeEvent` accredits them to each new event. */
const everywhere = new Set<string>();

/**
 * Accredits these accounts to every event there is and every one `makeEvent` makes later: the world before
 * accreditation, for tests and benchmarks about something else (e.g. delegates seeded in bulk).
 */
export async function accreditEverywhere(db: DataSource, userIds: string[]): Promise<void> {
  for (const id of userIds) everywhere.add(id);
  await db.query(
    `INSERT INTO participants (event_id, user_id) SELECT e.id, u FROM events e, unnest($1::uuid[]) u
     ON CONFLICT DO NOTHING`,
    [userIds],
  );
}

/** Accredits a person to an event (as redeeming an invitation for it, or staff, would). */
export async function accredit(
  db: DataSource,
  user: { id: string },
  event: { id: string },
  fields: { focalPoint?: boolean } = {},
): Promise<ParticipantEntity> {
  const repo = db.getRepository(ParticipantEntity);
  await repo.upsert(
    {
      eventId: event.id,
      userId: user.id,
      status: 'accredited',
      focalPoint: fields.focalPoint ?? false,
      revokedAt: null,
    },
    ['eventId', 'userId'],
  );
  return repo.findOneByOrFail({ eventId: event.id, userId: user.id });
}

export async function makeEvent(db: DataSource, fields: Partial<EventEntity> = {}): Promise<EventEntity> {
  const repo = db.getRepository(EventEntity);
  const event = await repo.save(
    repo.create({
      title: 'Test session',
      startsAt: new Date(Date.now() - 3600_000),
      endsAt: new Date(Date.now() + 6 * 3600_000),
      languages: ['en', 'fr', 'zh'],
      ...fields,
    }),
  );
  if (everywhere.size > 0) {
    await db.query(
      `INSERT INTO participants (event_id, user_id) SELECT $1, id FROM users WHERE id = ANY($2::uuid[])
       ON CONFLICT DO NOTHING`,
      [event.id, [...everywhere]],
    );
  }
  return event;
}

export async function makePanel(
  db: DataSource,
  options: {
    event?: EventEntity;
    moderators: UserEntity[];
    panelists?: UserEntity[];
    settings?: Partial<PanelSettings>;
    status?: PanelEntity['status'];
    title?: string;
  },
): Promise<PanelEntity> {
  const event = options.event ?? (await makeEvent(db));
  const live = options.status === 'live';
  const repo = db.getRepository(PanelEntity);
  return repo.save(
    repo.create({
      eventId: event.id,
      title: options.title ?? `Panel ${unique()}`,
      theme: 'Test theme',
      guidingQuestions: ['Who owns the output?'],
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      status: options.status ?? 'scheduled',
      queueOpen: live,
      startedAt: live ? new Date() : null,
      settings: { ...DEFAULT_PANEL_SETTINGS, ...options.settings },
      moderators: options.moderators,
      panelists: options.panelists ?? [],
    }),
  );
}

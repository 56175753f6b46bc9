import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_PANEL_SETTINGS, DelegationKind, PanelSettings, Role } from '@rostrum/contracts';
import { DelegationEntity, EventEntity, PanelEntity, UserEntity } from '@rostrum/database';

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
  fields: Partial<{ name: string; email: string; password: string; delegationId: string }> = {},
): Promise<UserEntity> {
  let delegationId = fields.delegationId ?? null;
  if (role === 'delegate' && !delegationId) delegationId = (await makeDelegation(db)).id;
  const repo = db.getRepository(UserEntity);
  const tag = unique();
  return repo.save(
    repo.create({
      role,
      name: fields.name ?? `${role} ${tag}`,
      email: (fields.email ?? `${role}-${tag}@test.rostrum.local`).toLowerCase(),
      passwordHash: await hashOf(fields.password ?? TEST_PASSWORD),
      delegationId,
    }),
  );
}

export async function makeEvent(db: DataSource, fields: Partial<EventEntity> = {}): Promise<EventEntity> {
  const repo = db.getRepository(EventEntity);
  return repo.save(
    repo.create({
      title: 'Test session',
      startsAt: new Date(Date.now() - 3600_000),
      endsAt: new Date(Date.now() + 6 * 3600_000),
      languages: ['en', 'fr', 'zh'],
      ...fields,
    }),
  );
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

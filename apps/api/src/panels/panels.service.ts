import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DEFAULT_PANEL_SETTINGS, PanelSettings, PanelView, Role } from '@rostrum/contracts';
import { EventEntity, PanelEntity, UserEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { AppError, notFound, validationFailed } from '../common/app-error';
import { CreatePanelDto, PanelSettingsDto, UpdatePanelDto } from './dto/panel.dto';
import { AppEvents } from '../common/app-events';
import { AfterCommit, PanelChange, PanelChanges } from './change/panel-changes';
import { toPanelView } from './panel-view';

const WITH_PEOPLE = { moderators: true, panelists: true } as const;

@Injectable()
export class PanelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: PanelChanges,
    private readonly events: AppEvents,
  ) {}

  async create(eventId: string, dto: CreatePanelDto): Promise<PanelView> {
    const event = await this.db.getRepository(EventEntity).findOneBy({ id: eventId });
    if (!event) throw notFound('Event');
    const { startsAt, endsAt } = checkedSlot(dto.startsAt, dto.endsAt);
    const moderators = await this.people(dto.moderatorIds, ['moderator', 'admin'], 'moderatorIds');
    if (moderators.length === 0) throw validationFailed('moderatorIds must name at least one moderator');
    const panelists = await this.people(dto.panelistIds ?? [], ['panelist'], 'panelistIds');
    const repo = this.db.getRepository(PanelEntity);
    const saved = await repo.save(
      repo.create({
        eventId,
        title: dto.title,
        theme: dto.theme ?? null,
        description: dto.description ?? null,
        guidingQuestions: dto.guidingQuestions ?? [],
        translations: dto.translations ?? {},
        startsAt,
        endsAt,
        settings: mergeSettings(DEFAULT_PANEL_SETTINGS, dto.settings),
        moderators,
        panelists,
      }),
    );
    return this.get(saved.id);
  }

  async get(id: string): Promise<PanelView> {
    const panel = await this.db.getRepository(PanelEntity).findOne({ where: { id }, relations: WITH_PEOPLE });
    if (!panel) throw notFound('Panel');
    return toPanelView(panel);
  }

  /**
   * Edits details and settings. Settings merge over the current ones; a change of them bumps the version,
   * is recorded, and (after commit) the floor broadcasts the new state.
   */
  async update(id: string, dto: UpdatePanelDto, actor: AuthUser | null = null): Promise<PanelView> {
    refuseStaffOnlyChanges(dto, actor);
    await this.changes.run(id, actor, async (change) => {
      const { tx, panel } = change;
      const { startsAt, endsAt } = checkedSlot(dto.startsAt ?? panel.startsAt, dto.endsAt ?? panel.endsAt);
      const full = await tx
        .getRepository(PanelEntity)
        .findOneOrFail({ where: { id }, relations: WITH_PEOPLE });
      Object.assign(full, {
        title: dto.title ?? full.title,
        theme: dto.theme !== undefined ? dto.theme : full.theme,
        description: dto.description !== undefined ? dto.description : full.description,
        guidingQuestions: dto.guidingQuestions ?? full.guidingQuestions,
        translations: dto.translations ?? full.translations,
        startsAt,
        endsAt,
      });
      if (dto.moderatorIds) {
        full.moderators = await this.people(dto.moderatorIds, ['moderator', 'admin'], 'moderatorIds', tx);
        if (full.moderators.length === 0)
          throw validationFailed('moderatorIds must name at least one moderator');
      }
      if (dto.panelistIds)
        full.panelists = await this.people(dto.panelistIds, ['panelist'], 'panelistIds', tx);
      const before = full.settings;
      if (dto.settings) full.settings = panel.settings = mergeSettings(full.settings, dto.settings);
      await tx.getRepository(PanelEntity).save(full);
      if (!dto.settings) return { answer: null };
      const afterCommit = await this.takePart(change, 'settings');
      change.record('panel:settings', { before, after: full.settings });
      return { answer: null, afterCommit };
    });
    return this.get(id);
  }

  /** scheduled → live: opens the queue. Starting a live panel again changes nothing. */
  async start(id: string, actor: AuthUser): Promise<PanelView> {
    await this.changes.run(id, actor, async (change) => {
      const { tx, panel } = change;
      if (panel.status === 'live') return { answer: null };
      if (panel.status === 'ended')
        throw new AppError('CONFLICT', 'This panel has ended and cannot go live again');
      const before = { status: panel.status, queueOpen: panel.queueOpen };
      Object.assign(panel, { status: 'live', queueOpen: true, startedAt: change.now });
      await tx
        .getRepository(PanelEntity)
        .update(id, { status: 'live', queueOpen: true, startedAt: panel.startedAt });
      const afterCommit = await this.takePart(change, 'start');
      change.record('panel:start', { before, after: { status: 'live', queueOpen: true } });
      await syncEventStatus(tx, panel.eventId);
      return { answer: null, afterCommit };
    });
    return this.get(id);
  }

  /** → ended: the floor ends any speech and closes the queue in the same change. */
  async end(id: string, actor: AuthUser): Promise<PanelView> {
    await this.changes.run(id, actor, async (change) => {
      const { tx, panel } = change;
      if (panel.status === 'ended') return { answer: null };
      const before = { status: panel.status, queueOpen: panel.queueOpen };
      Object.assign(panel, { status: 'ended', queueOpen: false, endedAt: change.now });
      await tx
        .getRepository(PanelEntity)
        .update(id, { status: 'ended', queueOpen: false, endedAt: panel.endedAt });
      const afterCommit = await this.takePart(change, 'end');
      change.record('panel:end', { before, after: { status: 'ended', queueOpen: false } });
      await syncEventStatus(tx, panel.eventId);
      return { answer: null, afterCommit };
    });
    return this.get(id);
  }

  /** The others' part in a status or settings change (the floor, the webcast), and their after-commit work. */
  private async takePart(change: PanelChange, what: 'start' | 'end' | 'settings'): Promise<AfterCommit[]> {
    const parts = await this.events.emit('panel:changed', { change, what });
    return parts.flatMap((part) => part ?? []);
  }

  /** Loads the users by id, checking each exists and has one of the roles. */
  private async people(ids: string[], roles: Role[], field: string, tx: EntityManager = this.db.manager) {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const users = await tx.getRepository(UserEntity).findBy({ id: In(unique) });
    const missing = unique.filter((id) => !users.some((u) => u.id === id));
    if (missing.length) throw notFound(`User ${missing[0]} (in ${field})`);
    const wrong = users.find((u) => !roles.includes(u.role));
    if (wrong) throw validationFailed(`${field}: ${wrong.name} is a ${wrong.role}, not a ${roles[0]}`);
    return users;
  }
}

function checkedSlot(starts: string | Date, ends: string | Date) {
  const startsAt = new Date(starts);
  const endsAt = new Date(ends);
  if (endsAt.getTime() < startsAt.getTime()) throw validationFailed('endsAt must not be before startsAt');
  return { startsAt, endsAt };
}

/** What only staff and admins change; a panel's moderators edit its content and settings (CONTRACT.md, "Panels"). */
const STAFF_ONLY_FIELDS = ['moderatorIds', 'panelistIds', 'startsAt', 'endsAt', 'eventId'] as const;

function refuseStaffOnlyChanges(dto: UpdatePanelDto, actor: AuthUser | null): void {
  if (!actor || actor.role === 'staff' || actor.role === 'admin') return;
  const given = STAFF_ONLY_FIELDS.filter((f) => (dto as Record<string, unknown>)[f] !== undefined);
  if (given.length) {
    throw new AppError('FORBIDDEN', `Only staff change a panel's ${given.join(', ')}`);
  }
}

function mergeSettings(current: PanelSettings, patch?: PanelSettingsDto): PanelSettings {
  const merged = { ...DEFAULT_PANEL_SETTINGS, ...current };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** An event is live while any of its panels is, ended once all have ended. */
async function syncEventStatus(tx: EntityManager, eventId: string): Promise<void> {
  await tx.query(
    `UPDATE events SET status = CASE
       WHEN EXISTS (SELECT 1 FROM panels WHERE event_id = $1 AND status = 'live') THEN 'live'
       WHEN NOT EXISTS (SELECT 1 FROM panels WHERE event_id = $1 AND status <> 'ended') THEN 'ended'
       ELSE 'scheduled' END
     WHERE id = $1`,
    [eventId],
  );
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_DELEGATE_QUOTA, EventView } from '@rostrum/contracts';
import { EventEntity, PanelEntity } from '@rostrum/database';
import { notFound, validationFailed } from '../common/app-error';
import { ListQueryDto, Page } from '../common/list-query';
import { toPanelView, toPublicPanelView } from '../panels/panel-view';
import { CreateEventDto, UpdateEventDto } from './dto/event.dto';

const EVENT_ORDER = { startsAt: 'ASC', title: 'ASC' } as const;

@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(dto: CreateEventDto): Promise<EventView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt < startsAt) throw validationFailed('endsAt must not be before startsAt');
    const repo = this.db.getRepository(EventEntity);
    const saved = await repo.save(
      repo.create({
        title: dto.title,
        description: dto.description ?? null,
        startsAt,
        endsAt,
        languages: dto.languages ?? [],
        translations: dto.translations ?? {},
        timezone: dto.timezone ?? 'UTC',
        delegateQuota: dto.delegateQuota === undefined ? DEFAULT_DELEGATE_QUOTA : dto.delegateQuota,
        groups: dto.groups ?? [],
      }),
    );
    return this.get(saved.id);
  }

  /** Changes the fields given (null clears the description and the quota); `translations` replaces the whole set. */
  async update(id: string, dto: UpdateEventDto): Promise<EventView> {
    const repo = this.db.getRepository(EventEntity);
    const event = await repo.findOneBy({ id });
    if (!event) throw notFound('Event');
    const notNullable = [
      'title',
      'startsAt',
      'endsAt',
      'languages',
      'translations',
      'timezone',
      'groups',
    ] as const;
    for (const field of notNullable) {
      if (dto[field] === null) throw validationFailed(`${field} may not be null`);
    }
    const { startsAt, endsAt, ...rest } = dto;
    Object.assign(event, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
    if (startsAt) event.startsAt = new Date(startsAt);
    if (endsAt) event.endsAt = new Date(endsAt);
    if (event.endsAt < event.startsAt) throw validationFailed('endsAt must not be before startsAt');
    await repo.save(event);
    return this.get(id);
  }

  async list(page: ListQueryDto): Promise<Page<EventView>> {
    const [events, total] = await this.eventsPage(page);
    const panels = await this.panelsOf(events.map((e) => e.id));
    return { items: events.map((e) => toEventView(e, panels)), total };
  }

  async get(id: string): Promise<EventView> {
    const event = await this.db.getRepository(EventEntity).findOneBy({ id });
    if (!event) throw notFound('Event');
    return toEventView(event, await this.panelsOf([id]));
  }

  /** The programme as the public sees it: the same events, panels without their settings. */
  async listPublic(page: ListQueryDto) {
    const [events, total] = await this.eventsPage(page);
    const panels = await this.panelsOf(events.map((e) => e.id));
    return { items: events.map((e) => toEventView(e, panels, toPublicPanelView)), total };
  }

  private eventsPage({ limit, offset }: ListQueryDto): Promise<[EventEntity[], number]> {
    return this.db
      .getRepository(EventEntity)
      .findAndCount({ order: { ...EVENT_ORDER, id: 'ASC' }, skip: offset, take: limit });
  }

  private async panelsOf(eventIds: string[]): Promise<PanelEntity[]> {
    if (eventIds.length === 0) return [];
    return this.db
      .getRepository(PanelEntity)
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.moderators', 'm')
      .leftJoinAndSelect('p.panelists', 'pl')
      .where('p.event_id IN (:...eventIds)', { eventIds })
      .orderBy('p.starts_at', 'ASC')
      .addOrderBy('p.title', 'ASC')
      .getMany();
  }
}

function toEventView<P = EventView['panels'][number]>(
  e: EventEntity,
  panels: PanelEntity[],
  panelView: (p: PanelEntity) => P = toPanelView as (p: PanelEntity) => P,
): Omit<EventView, 'panels'> & { panels: P[] } {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    languages: e.languages,
    translations: e.translations,
    timezone: e.timezone,
    delegateQuota: e.delegateQuota,
    groups: e.groups,
    status: e.status,
    panels: panels.filter((p) => p.eventId === e.id).map(panelView),
  };
}

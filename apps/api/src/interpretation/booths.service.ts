import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BoothView } from '@rostrum/contracts';
import { BoothEntity, EventEntity, UserEntity } from '@rostrum/database';
import { notFound, validationFailed } from '../common/app-error';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Interpretation booths: per event language, the interpreters who may work in it (CONTRACT.md, issue 17). */
@Injectable()
export class BoothsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every language of the event, in the event's order, with its interpreters (none where no booth was set). */
  async list(eventId: string): Promise<BoothView[]> {
    const event = await this.event(eventId);
    const booths = await this.db
      .getRepository(BoothEntity)
      .find({ where: { eventId }, relations: { interpreters: true } });
    return event.languages.map((language) =>
      toBoothView(language, booths.find((b) => b.language === language)?.interpreters ?? []),
    );
  }

  /**
   * Sets a booth's interpreters. The language must be one of the event's; every id an active interpreter's.
   * One transaction: a refused change leaves the booth as it was.
   */
  async put(eventId: string, language: string, interpreterIds: string[]): Promise<BoothView> {
    return this.db.transaction(async (tx) => {
      const event = await this.event(eventId, tx.getRepository(EventEntity));
      if (!event.languages.includes(language)) {
        throw validationFailed(
          `The event has no ${JSON.stringify(language.slice(0, 16))} channel (its languages: ${event.languages.join(', ') || 'none'})`,
        );
      }
      const interpreters = interpreterIds.length
        ? await tx.getRepository(UserEntity).findBy({ id: In(interpreterIds) })
        : [];
      const wrong = interpreterIds.filter(
        (id) => !interpreters.some((u) => u.id === id && u.role === 'interpreter' && u.active),
      );
      if (wrong.length) throw validationFailed(`interpreterIds must name interpreters: ${wrong.join(', ')}`);
      const repo = tx.getRepository(BoothEntity);
      // Two staff members saving the same booth at once: the unique (event, language) keeps one row.
      await repo.createQueryBuilder().insert().values({ eventId, language }).orIgnore().execute();
      const booth = await repo.findOneOrFail({
        where: { eventId, language },
        lock: { mode: 'pessimistic_write' },
      });
      booth.interpreters = interpreters;
      await repo.save(booth);
      return toBoothView(language, interpreters);
    });
  }

  private async event(id: string, repo = this.db.getRepository(EventEntity)): Promise<EventEntity> {
    const event = await repo.findOneBy({ id });
    if (!event) throw notFound('Event');
    return event;
  }
}

function toBoothView(language: string, interpreters: UserEntity[]): BoothView {
  return { language, interpreters: interpreters.map((u) => ({ id: u.id, name: u.name })).sort(byName) };
}

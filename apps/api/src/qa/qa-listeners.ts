import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEvents } from '../common/app-events';
import { toQuestionView, visibleQuestions } from './qa-queries';

/**
 * Q&A's part of the `panel:join` answer (AppEvents): the questions this client may see, by votes then age,
 * with `voted` for a delegate. The client joined the panel's rooms before this read, so no `qa:question`
 * committed after it can be missed.
 */
@Injectable()
export class QaListeners implements OnModuleInit {
  constructor(
    private readonly events: AppEvents,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.events.on('panel:join', 'qa', async ({ panelId, audience, user }) => {
      const rows = await visibleQuestions(this.db.manager, panelId, {
        userId: user?.id ?? null,
        moderator: audience === 'moderator',
        withVoted: user?.role === 'delegate',
      });
      return { questions: rows.map(toQuestionView) };
    });
  }
}

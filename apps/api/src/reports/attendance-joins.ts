import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEvents } from '../common/app-events';

/**
 * Remembers who joined a panel signed in (once per person), for the report's unique delegates and
 * delegations. Anonymous viewers cannot be told apart, so they are counted only in the sampled attendance.
 * Not awaited by the join: a slow or failing write must not hold up or fail someone joining a panel.
 */
@Injectable()
export class AttendanceJoins implements OnModuleInit {
  private readonly log = new Logger(AttendanceJoins.name);

  constructor(
    private readonly events: AppEvents,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.events.on('panel:join', 'reports', ({ panelId, audience, user }) => {
      if (user) {
        this.db
          .query(
            `INSERT INTO panel_attendees (panel_id, user_id, audience, delegation_id)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
            [panelId, user.id, audience, user.delegationId],
          )
          .catch((err: Error) => this.log.warn(`join of panel ${panelId} not recorded: ${err.message}`));
      }
      return Promise.resolve({});
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SessionReport } from '@rostrum/contracts';
import { notFound } from '../common/app-error';
import { downloadName } from '../common/file-names';
import { reportCsv } from './report-csv';
import {
  attendancePeak,
  attendanceTimeline,
  firstTimeSpeakers,
  questionCounts,
  speakingByDelegation,
  speakingByKind,
  speakingByRegion,
  uniqueAttendees,
  waits,
} from './report-queries';

/**
 * A panel's or an event's report. An event's report is the same figures over all its panels: counts and
 * seconds are its panels' sums; waits' percentiles, the peak and the unique attendees are taken over the
 * event as a whole (they do not add up).
 */
@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async panelReport(panelId: string): Promise<SessionReport> {
    const [panel]: { id: string }[] = await this.db.query('SELECT id FROM panels WHERE id = $1', [panelId]);
    if (!panel) throw notFound('Panel');
    return { panelId, ...(await this.report([panelId])) };
  }

  async eventReport(eventId: string): Promise<SessionReport> {
    const panelIds = await this.eventPanels(eventId);
    return { panelId: null, eventId, ...(await this.report(panelIds)) };
  }

  async panelCsv(panelId: string): Promise<{ filename: string; body: string }> {
    const [panel]: { title: string }[] = await this.db.query('SELECT title FROM panels WHERE id = $1', [
      panelId,
    ]);
    if (!panel) throw notFound('Panel');
    return {
      filename: downloadName('speaking', panel.title, 'csv'),
      body: reportCsv(await speakingByDelegation(this.db.manager, [panelId])),
    };
  }

  async eventCsv(eventId: string): Promise<{ filename: string; body: string }> {
    const [event]: { title: string }[] = await this.db.query('SELECT title FROM events WHERE id = $1', [
      eventId,
    ]);
    if (!event) throw notFound('Event');
    const panelIds = await this.eventPanels(eventId);
    return {
      filename: downloadName('speaking', event.title, 'csv'),
      body: reportCsv(await speakingByDelegation(this.db.manager, panelIds)),
    };
  }

  /** Every figure read in one snapshot of the database, so they agree with each other. */
  private report(panelIds: string[]): Promise<Omit<SessionReport, 'panelId'>> {
    return this.db.transaction('REPEATABLE READ', async (tx: EntityManager) => {
      const byDelegation = await speakingByDelegation(tx, panelIds);
      const timeline = await attendanceTimeline(tx, panelIds);
      return {
        speaking: {
          byDelegation,
          byRegion: speakingByRegion(byDelegation),
          byKind: await speakingByKind(tx, panelIds),
          firstTimeSpeakers: await firstTimeSpeakers(tx, panelIds),
        },
        waits: await waits(tx, panelIds),
        questions: await questionCounts(tx, panelIds),
        attendance: {
          peak: attendancePeak(timeline),
          ...(await uniqueAttendees(tx, panelIds)),
          timeline,
        },
      };
    });
  }

  private async eventPanels(eventId: string): Promise<string[]> {
    const rows: { id: string | null }[] = await this.db.query(
      'SELECT p.id FROM events e LEFT JOIN panels p ON p.event_id = e.id WHERE e.id = $1',
      [eventId],
    );
    if (rows.length === 0) throw notFound('Event');
    return rows.flatMap((r) => (r.id ? [r.id] : []));
  }
}

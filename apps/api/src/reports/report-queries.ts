import type { EntityManager } from 'typeorm';
import type { AttendanceSample, DelegationSpeaking, SessionReport } from '@rostrum/contracts';
import { round1 } from '../floor/floor-rules';

/**
 * The report's figures, each one aggregate query over a set of panels (one panel, or every panel of an
 * event), so the database does the counting and only one row per delegation, kind or sampled minute comes
 * back. A speech counts once it is finished (`done`); one in progress is counted when it ends.
 */
type Db = Pick<EntityManager, 'query'>;

/** Finished speeches per delegation, most time first. */
export async function speakingByDelegation(db: Db, panelIds: string[]): Promise<DelegationSpeaking[]> {
  const rows: Omit<DelegationSpeaking, 'share'>[] = await db.query(
    `SELECT i.delegation_id AS "delegationId", d.code, d.name, d.region,
            count(*)::int AS interventions, COALESCE(sum(i.spoken_seconds), 0)::float AS "spokenSeconds"
     FROM interventions i LEFT JOIN delegations d ON d.id = i.delegation_id
     WHERE i.panel_id = ANY($1::uuid[]) AND i.status = 'done' AND i.started_at IS NOT NULL
     GROUP BY i.delegation_id, d.code, d.name, d.region
     ORDER BY "spokenSeconds" DESC, d.name`,
    [panelIds],
  );
  return withShares(rows.map((r) => ({ ...r, spokenSeconds: round1(r.spokenSeconds) })));
}

/** The same time per regional group (null: delegations without one), from the per-delegation rows. */
export function speakingByRegion(byDelegation: DelegationSpeaking[]): SessionReport['speaking']['byRegion'] {
  const regions = new Map<string | null, { interventions: number; spokenSeconds: number }>();
  for (const row of byDelegation) {
    const sum = regions.get(row.region) ?? { interventions: 0, spokenSeconds: 0 };
    sum.interventions += row.interventions;
    sum.spokenSeconds = round1(sum.spokenSeconds + row.spokenSeconds);
    regions.set(row.region, sum);
  }
  const rows = [...regions].map(([region, sum]) => ({ region, ...sum }));
  return withShares(rows).sort((a, b) => b.spokenSeconds - a.spokenSeconds);
}

/** Finished speeches per kind of request; whatever kinds exist appear. */
export async function speakingByKind(
  db: Db,
  panelIds: string[],
): Promise<SessionReport['speaking']['byKind']> {
  const rows: SessionReport['speaking']['byKind'] = await db.query(
    `SELECT kind, count(*)::int AS interventions, COALESCE(sum(spoken_seconds), 0)::float AS "spokenSeconds"
     FROM interventions WHERE panel_id = ANY($1::uuid[]) AND status = 'done' AND started_at IS NOT NULL
     GROUP BY kind ORDER BY kind`,
    [panelIds],
  );
  return rows.map((r) => ({ ...r, spokenSeconds: round1(r.spokenSeconds) }));
}

/**
 * Delegations whose first finished speech of the event was in one of these panels. Summed over an event's
 * panels it is the number of delegations that spoke in the event.
 */
export async function firstTimeSpeakers(db: Db, panelIds: string[]): Promise<number> {
  const [{ n }]: { n: number }[] = await db.query(
    `WITH firsts AS (
       SELECT DISTINCT ON (i.delegation_id) i.delegation_id, i.panel_id
       FROM interventions i JOIN panels p ON p.id = i.panel_id
       WHERE p.event_id IN (SELECT event_id FROM panels WHERE id = ANY($1::uuid[]))
         AND i.status = 'done' AND i.started_at IS NOT NULL AND i.delegation_id IS NOT NULL
       ORDER BY i.delegation_id, i.started_at, i.id)
     SELECT count(*)::int AS n FROM firsts WHERE panel_id = ANY($1::uuid[])`,
    [panelIds],
  );
  return n;
}

/** Seconds from request to the floor, over the requests that got it (continuous percentiles). */
export async function waits(db: Db, panelIds: string[]): Promise<SessionReport['waits']> {
  const [row]: (Record<'p50Seconds' | 'p90Seconds' | 'maxSeconds', number | null> & { count: number })[] =
    await db.query(
      `WITH w AS (
         SELECT extract(epoch FROM started_at - requested_at)::float AS s
         FROM interventions WHERE panel_id = ANY($1::uuid[]) AND started_at IS NOT NULL)
       SELECT count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS "p50Seconds",
              percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS "p90Seconds",
              max(s) AS "maxSeconds"
       FROM w`,
      [panelIds],
    );
  const seconds = (v: number | null) => round1(Math.max(0, v ?? 0));
  return {
    count: row.count,
    p50Seconds: seconds(row.p50Seconds),
    p90Seconds: seconds(row.p90Seconds),
    maxSeconds: seconds(row.maxSeconds),
  };
}

/** Questions asked, ever approved (answered ones included), answered and dismissed. */
export async function questionCounts(db: Db, panelIds: string[]): Promise<SessionReport['questions']> {
  const [row]: SessionReport['questions'][] = await db.query(
    `SELECT count(*)::int AS asked,
            count(*) FILTER (WHERE approved_at IS NOT NULL OR status IN ('approved', 'answered'))::int AS approved,
            count(*) FILTER (WHERE status = 'answered')::int AS answered,
            count(*) FILTER (WHERE status = 'dismissed')::int AS dismissed
     FROM questions WHERE panel_id = ANY($1::uuid[])`,
    [panelIds],
  );
  return row;
}

/** The sampled attendance, summed per sampled minute over the panels, oldest first. */
export async function attendanceTimeline(db: Db, panelIds: string[]): Promise<AttendanceSample[]> {
  // The minute comes back as its ISO text: a day of an event is thousands of rows, and parsing each into a
  // Date only to print it again cost more than the query.
  return db.query(
    `SELECT to_char(minute AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS minute,
            moderators, panelists, delegates, public
     FROM (SELECT minute, sum(moderators)::int AS moderators, sum(panelists)::int AS panelists,
                  sum(delegates)::int AS delegates, sum(public)::int AS public
           FROM attendance_samples WHERE panel_id = ANY($1::uuid[]) GROUP BY minute) per_minute
     ORDER BY per_minute.minute`,
    [panelIds],
  );
}

/** The sampled minute with the most people following (the earliest of equals). */
export function attendancePeak(timeline: AttendanceSample[]): SessionReport['attendance']['peak'] {
  let peak: SessionReport['attendance']['peak'] = { at: null, delegates: 0, public: 0, total: 0 };
  for (const s of timeline) {
    const total = s.moderators + s.panelists + s.delegates + s.public;
    if (total > peak.total) peak = { at: s.minute, delegates: s.delegates, public: s.public, total };
  }
  return peak;
}

/** Delegates who joined any of the panels signed in, and their delegations, each counted once. */
export async function uniqueAttendees(
  db: Db,
  panelIds: string[],
): Promise<{ uniqueDelegates: number; uniqueDelegations: number }> {
  const [row]: { uniqueDelegates: number; uniqueDelegations: number }[] = await db.query(
    `SELECT count(DISTINCT user_id)::int AS "uniqueDelegates",
            count(DISTINCT delegation_id)::int AS "uniqueDelegations"
     FROM panel_attendees WHERE panel_id = ANY($1::uuid[]) AND audience = 'delegate'`,
    [panelIds],
  );
  return row;
}

/** Each row's share of the rows' total time, 0…1 with four decimals (0 when nobody spoke). */
function withShares<T extends { spokenSeconds: number }>(rows: T[]): (T & { share: number })[] {
  const total = rows.reduce((sum, r) => sum + r.spokenSeconds, 0);
  return rows.map((r) => ({
    ...r,
    share: total > 0 ? Math.round((r.spokenSeconds / total) * 1e4) / 1e4 : 0,
  }));
}

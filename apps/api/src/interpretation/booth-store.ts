import type { EntityManager } from 'typeorm';
import { FLOOR_CHANNEL } from '@rostrum/contracts';
import { AppError, forbidden, notFound, validationFailed } from '../common/app-error';

type Queryable = Pick<EntityManager, 'query'>;
export interface Person {
  id: string;
  name: string;
}

/** A booth of a panel as the database holds it (everything of `BoothState` but who is online). */
export interface BoothRow {
  panelId: string;
  language: string;
  /** The event's languages, in its order. */
  languages: string[];
  panelStatus: string;
  interpreters: Person[];
  live: Person | null;
  relayFrom: string;
  /** The panel's record head when read: orders booth states (`BoothState.seq`). */
  seq: number;
}

/** Reads one booth of a panel; a panel that does not exist → NOT_FOUND. */
export async function readBooth(db: Queryable, panelId: string, language: string): Promise<BoothRow> {
  const [row]: {
    languages: string[];
    status: string;
    interpreters: Person[];
    live: Person | null;
    relayFrom: string | null;
    seq: number;
  }[] = await db.query(
    `SELECT e.languages, p.status,
       COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
          FROM booths b JOIN booth_interpreters bi ON bi.booth_id = b.id JOIN users u ON u.id = bi.user_id
          WHERE b.event_id = e.id AND b.language = $2 AND u.active), '[]'::json) AS interpreters,
       (SELECT json_build_object('id', u.id, 'name', u.name) FROM booth_shifts s JOIN users u ON u.id = s.interpreter_id
          WHERE s.panel_id = p.id AND s.language = $2 AND s.ended_at IS NULL) AS live,
       (SELECT relay_from FROM booth_relays r WHERE r.panel_id = p.id AND r.language = $2) AS "relayFrom",
       COALESCE((SELECT max(l.seq) FROM floor_log l WHERE l.panel_id = p.id), 0)::int AS seq
     FROM panels p JOIN events e ON e.id = p.event_id WHERE p.id = $1`,
    [panelId, language],
  );
  if (!row) throw notFound('Panel');
  return {
    panelId,
    language,
    languages: row.languages,
    panelStatus: row.status,
    interpreters: row.interpreters,
    live: row.live,
    relayFrom: row.relayFrom ?? FLOOR_CHANNEL,
    seq: row.seq,
  };
}

/**
 * The booth, checked for a command of `userId`: the language must be one of the event's (VALIDATION_FAILED)
 * and the user one of the booth's interpreters (FORBIDDEN). Nothing is changed by a refusal.
 */
export async function requireBoothOf(
  db: Queryable,
  panelId: string,
  language: string,
  userId: string,
): Promise<BoothRow> {
  const booth = await readBooth(db, panelId, language);
  if (!booth.languages.includes(language)) {
    throw validationFailed(
      `The event has no ${JSON.stringify(language)} booth (its languages: ${booth.languages.join(', ') || 'none'})`,
    );
  }
  if (!booth.interpreters.some((i) => i.id === userId)) {
    throw forbidden(`You are not an interpreter of the ${language} booth of this event`);
  }
  return booth;
}

export function requireNotEnded(booth: BoothRow): void {
  if (booth.panelStatus === 'ended') throw new AppError('PANEL_NOT_LIVE', 'This panel has ended');
}

/** The languages of the panel's event, in its order. */
export async function eventLanguagesOf(db: Queryable, panelId: string): Promise<string[]> {
  const [row]: { languages: string[] }[] = await db.query(
    `SELECT e.languages FROM panels p JOIN events e ON e.id = p.event_id WHERE p.id = $1`,
    [panelId],
  );
  return row?.languages ?? [];
}

import { DataSource } from 'typeorm';
import { FLOOR_LOG_ACTIONS } from '@rostrum/contracts';
import { SpeechLogRow } from './chapters';

/** A panel's `speech:started` / `speech:ended` floor-log rows with the intervention's people, in log order. */
export async function readSpeechLog(db: DataSource, panelId: string): Promise<SpeechLogRow[]> {
  const rows: (Omit<SpeechLogRow, 'at'> & { at: Date | string })[] = await db.query(
    `SELECT l.intervention_id AS "interventionId", l.action, l.at, l.detail,
            i.kind, u.name AS "delegateName", d.name AS "delegationName", d.code AS "delegationCode"
       FROM floor_log l
       LEFT JOIN interventions i ON i.id = l.intervention_id
       LEFT JOIN users u ON u.id = i.delegate_id
       LEFT JOIN delegations d ON d.id = i.delegation_id
      WHERE l.panel_id = $1 AND l.action IN ($2, $3) AND l.intervention_id IS NOT NULL
      ORDER BY l.seq`,
    [panelId, FLOOR_LOG_ACTIONS.speechStarted, FLOOR_LOG_ACTIONS.speechEnded],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { InterventionKind, FLOOR_LOG_ACTIONS } from '@rostrum/contracts';
import { DelegationEntity, FloorLogEntity, InterventionEntity, UserEntity } from '@rostrum/database';

/** Polls until `probe` answers something truthy, or fails with `what` after the timeout. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The top-level MP4 box types, in file order. */
export function topLevelBoxes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 0; offset + 8 <= bytes.length;) {
    let size = bytes.readUInt32BE(offset);
    if (size === 1) size = Number(bytes.readBigUInt64BE(offset + 8));
    types.push(bytes.toString('latin1', offset + 4, offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return types;
}

/** The files in ARCHIVE_DIR belonging to one recording. */
export const archiveFilesOf = (archiveDir: string, recordingId: string) =>
  readdirSync(archiveDir)
    .filter((f) => f.startsWith(recordingId))
    .sort();

/**
 * Writes a floor session the way the floor does (interventions and their speech:started / speech:ended
 * log rows), at times given in seconds from `origin`.
 */
export async function scriptFloorSession(
  db: DataSource,
  panelId: string,
  origin: Date,
  speeches: {
    delegate: UserEntity;
    delegation: DelegationEntity | null;
    kind: InterventionKind;
    from: number;
    to: number;
  }[],
): Promise<void> {
  const at = (s: number) => new Date(origin.getTime() + s * 1000);
  for (const speech of speeches) {
    const intervention = await db.getRepository(InterventionEntity).save({
      panelId,
      delegateId: speech.delegate.id,
      delegationId: speech.delegation?.id ?? null,
      kind: speech.kind,
      status: 'done',
      requestedAt: at(speech.from - 30),
      startedAt: at(speech.from),
      endedAt: at(speech.to),
      allottedSeconds: 180,
      spokenSeconds: speech.to - speech.from,
      endReason: 'ended',
    });
    await db.getRepository(FloorLogEntity).save([
      {
        panelId,
        at: at(speech.from),
        action: FLOOR_LOG_ACTIONS.speechStarted,
        interventionId: intervention.id,
        detail: {
          delegateId: speech.delegate.id,
          delegateName: speech.delegate.name,
          delegationId: speech.delegation?.id ?? null,
          delegationName: speech.delegation?.name ?? null,
          delegationCode: speech.delegation?.code ?? null,
          kind: speech.kind,
          allottedSeconds: 180,
        },
      },
      {
        panelId,
        at: at(speech.to),
        action: FLOOR_LOG_ACTIONS.speechEnded,
        interventionId: intervention.id,
        detail: { reason: 'ended', spokenSeconds: speech.to - speech.from },
      },
    ]);
  }
}

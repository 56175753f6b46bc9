import { randomBytes } from 'node:crypto';
import {
  EgressInfo,
  EgressStatus,
  ParticipantInfo,
  ParticipantInfo_State,
  ParticipantPermission,
  Room,
  RoomCompositeEgressRequest,
  TrackSource,
  VideoGrant,
} from 'livekit-server-sdk';

/** A Twirp error as LiveKit answers it: HTTP status + `{code, msg}`. */
export class TwirpFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export const notFound = (msg: string) => new TwirpFailure('not_found', msg, 404);
export const invalidArgument = (msg: string) => new TwirpFailure('invalid_argument', msg, 400);
export const failedPrecondition = (msg: string) => new TwirpFailure('failed_precondition', msg, 412);

export interface FakeRoom {
  room: Room;
  participants: Map<string, ParticipantInfo>;
}

export interface FakeEgress {
  info: EgressInfo;
  request: RoomCompositeEgressRequest;
}

export const ACTIVE_EGRESS = [
  EgressStatus.EGRESS_STARTING,
  EgressStatus.EGRESS_ACTIVE,
  EgressStatus.EGRESS_ENDING,
];

const SOURCES: Record<string, TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

export const id = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
export const nowNanos = () => BigInt(Date.now()) * 1_000_000n;
export const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

/** The in-memory rooms, participants and egresses of the stand-in server. */
export class FakeLiveKitState {
  readonly rooms = new Map<string, FakeRoom>();
  readonly egresses = new Map<string, FakeEgress>();

  roomOrFail(name: string): FakeRoom {
    const room = this.rooms.get(name);
    if (!room) throw notFound(`requested room does not exist: ${name}`);
    return room;
  }

  ensureRoom(fields: Partial<Room> & { name: string }): FakeRoom {
    const existing = this.rooms.get(fields.name);
    if (existing) return existing;
    const room = new Room({
      sid: id('RM'),
      emptyTimeout: 300,
      departureTimeout: 20,
      creationTime: nowSeconds(),
      creationTimeMs: BigInt(Date.now()),
      ...fields,
    });
    const created = { room, participants: new Map<string, ParticipantInfo>() };
    this.rooms.set(room.name, created);
    return created;
  }

  participantOrFail(roomName: string, identity: string): ParticipantInfo {
    const participant = this.roomOrFail(roomName).participants.get(identity);
    if (!participant) throw notFound('participant not found');
    return participant;
  }

  /** A participant as the server builds it from a join token's grant (unset publish/subscribe mean allowed). */
  addParticipant(
    roomName: string,
    identity: string,
    fields: { name?: string; metadata?: string; attributes?: Record<string, string>; grant: VideoGrant },
  ): ParticipantInfo {
    const room = this.ensureRoom({ name: roomName });
    const g = fields.grant;
    const participant = new ParticipantInfo({
      sid: id('PA'),
      identity,
      name: fields.name ?? '',
      metadata: fields.metadata ?? '',
      attributes: { ...fields.attributes },
      state: ParticipantInfo_State.ACTIVE,
      joinedAt: nowSeconds(),
      joinedAtMs: BigInt(Date.now()),
      version: 1,
      permission: new ParticipantPermission({
        canSubscribe: g.canSubscribe ?? true,
        canPublish: g.canPublish ?? true,
        canPublishData: g.canPublishData ?? true,
        canPublishSources: ((g.canPublishSources ?? []) as unknown as string[]).map((s) => SOURCES[s]),
        hidden: g.hidden ?? false,
        canUpdateMetadata: g.canUpdateOwnMetadata ?? false,
      }),
    });
    room.participants.set(identity, participant);
    room.room.numParticipants = room.participants.size;
    return participant;
  }

  egressOrFail(egressId: string): FakeEgress {
    const egress = this.egresses.get(egressId);
    if (!egress) throw notFound(`egress not found: ${egressId}`);
    return egress;
  }
}

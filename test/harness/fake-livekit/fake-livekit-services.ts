import {
  EgressInfo,
  EgressStatus,
  ParticipantPermission,
  RoomCompositeEgressRequest,
  VideoGrant,
} from 'livekit-server-sdk';
import {
  ACTIVE_EGRESS,
  failedPrecondition,
  FakeLiveKitState,
  id,
  invalidArgument,
  nowNanos,
  TwirpFailure,
} from './fake-livekit-state';

type Json = Record<string, any>;

interface Method {
  /** Whether the caller's video grant allows this call, as the real server checks it. */
  allowed: (grant: VideoGrant, body: Json) => boolean;
  handle: (state: FakeLiveKitState, body: Json) => Json;
}

const roomAdmin = (grant: VideoGrant, body: Json) => !!grant.roomAdmin && grant.room === body.room;
const roomCreate = (grant: VideoGrant) => !!grant.roomCreate;
const roomRecord = (grant: VideoGrant) => !!grant.roomRecord;

/** `livekit.RoomService`: the calls Rostrum makes, plus the obvious neighbours. */
const ROOM_SERVICE: Record<string, Method> = {
  CreateRoom: {
    allowed: roomCreate,
    handle: (state, body) => {
      if (!body.name) throw invalidArgument('room name is required');
      return state
        .ensureRoom({
          name: body.name,
          emptyTimeout: body.emptyTimeout ?? 300,
          departureTimeout: body.departureTimeout ?? 20,
          maxParticipants: body.maxParticipants ?? 0,
          metadata: body.metadata ?? '',
        })
        .room.toJson() as Json;
    },
  },
  ListRooms: {
    allowed: (grant) => !!grant.roomList,
    handle: (state, body) => {
      const names: string[] = body.names ?? [];
      const rooms = [...state.rooms.values()].filter((r) => !names.length || names.includes(r.room.name));
      return { rooms: rooms.map((r) => r.room.toJson()) };
    },
  },
  DeleteRoom: {
    allowed: roomCreate,
    handle: (state, body) => {
      state.roomOrFail(body.room);
      state.rooms.delete(body.room);
      return {};
    },
  },
  ListParticipants: {
    allowed: roomAdmin,
    handle: (state, body) => ({
      participants: [...state.roomOrFail(body.room).participants.values()].map((p) => p.toJson()),
    }),
  },
  GetParticipant: {
    allowed: roomAdmin,
    handle: (state, body) => state.participantOrFail(body.room, body.identity).toJson() as Json,
  },
  RemoveParticipant: {
    allowed: roomAdmin,
    handle: (state, body) => {
      state.participantOrFail(body.room, body.identity);
      state.roomOrFail(body.room).participants.delete(body.identity);
      return {};
    },
  },
  UpdateParticipant: {
    allowed: roomAdmin,
    handle: (state, body) => {
      const participant = state.participantOrFail(body.room, body.identity);
      // The permission replaces the old one whole: fields left out become false/empty.
      if (body.permission) {
        participant.permission = ParticipantPermission.fromJson(body.permission);
        if (!participant.permission.canPublish) participant.tracks = []; // the server unpublishes them
      }
      if (body.metadata) participant.metadata = body.metadata;
      // Attributes: only the keys sent change (an empty value deletes the key), as LiveKit does.
      for (const [key, value] of Object.entries((body.attributes ?? {}) as Record<string, string>)) {
        if (value === '') delete participant.attributes[key];
        else participant.attributes[key] = value;
      }
      if (body.name) participant.name = body.name;
      participant.version += 1;
      return participant.toJson() as Json;
    },
  },
};

/** `livekit.Egress`: room-composite recordings. */
const EGRESS_SERVICE: Record<string, Method> = {
  StartRoomCompositeEgress: {
    allowed: roomRecord,
    handle: (state, body) => {
      const request = RoomCompositeEgressRequest.fromJson(body, { ignoreUnknownFields: true });
      const room = state.roomOrFail(request.roomName);
      const outputs =
        request.fileOutputs.length +
        request.segmentOutputs.length +
        request.streamOutputs.length +
        request.imageOutputs.length;
      if (!outputs && !request.output.case) throw invalidArgument('no output given');
      const info = new EgressInfo({
        egressId: id('EG'),
        roomId: room.room.sid,
        roomName: request.roomName,
        status: EgressStatus.EGRESS_STARTING,
        updatedAt: nowNanos(),
        request: { case: 'roomComposite', value: request },
      });
      state.egresses.set(info.egressId, { info, request });
      room.room.activeRecording = true;
      return info.toJson() as Json;
    },
  },
  ListEgress: {
    allowed: roomRecord,
    handle: (state, body) => {
      const items = [...state.egresses.values()]
        .map((e) => e.info)
        .filter((i) => !body.roomName || i.roomName === body.roomName)
        .filter((i) => !body.egressId || i.egressId === body.egressId)
        .filter((i) => !body.active || ACTIVE_EGRESS.includes(i.status));
      return { items: items.map((i) => i.toJson()) };
    },
  },
  StopEgress: {
    allowed: roomRecord,
    handle: (state, body) => {
      const { info } = state.egressOrFail(body.egressId);
      if (!ACTIVE_EGRESS.includes(info.status)) throw failedPrecondition('egress is not active');
      info.status = EgressStatus.EGRESS_ENDING;
      info.updatedAt = nowNanos();
      return info.toJson() as Json;
    },
  },
};

export const SERVICES: Record<string, Record<string, Method>> = {
  'livekit.RoomService': ROOM_SERVICE,
  'livekit.Egress': EGRESS_SERVICE,
};

export function permissionDenied(): TwirpFailure {
  return new TwirpFailure('permission_denied', 'permissions denied', 403);
}

import { ParticipantPermission, TrackSource, VideoGrant } from 'livekit-server-sdk';

/**
 * What someone may do in a panel's LiveKit room:
 * - `presenter`: the panel's moderators and panelists — camera, microphone, screen share;
 * - `speaker`: the delegate holding the floor — camera and microphone, for the length of the speech;
 * - `delegate`: subscribe, and publish data (reactions, chat) only;
 * - `viewer`: any other signed-in user (staff, admins, others' moderators) — subscribe only;
 * - `public`: anonymous — subscribe only, hidden from the participant list;
 * - `interpreterLive`: the live interpreter of a booth — the microphone only;
 * - `interpreter`: an interpreter of a booth who is not live — subscribe only.
 */
export type WebcastRole =
  'presenter' | 'speaker' | 'delegate' | 'viewer' | 'public' | 'interpreter' | 'interpreterLive';

/** The participant fields LiveKit's permission carries; always sent whole (it replaces the old one). */
export type PublishPermission = Pick<
  ParticipantPermission,
  'canSubscribe' | 'canPublish' | 'canPublishData' | 'canPublishSources' | 'hidden'
>;

const PERMISSIONS: Record<WebcastRole, PublishPermission> = {
  presenter: {
    canSubscribe: true,
    canPublish: true,
    canPublishData: true,
    canPublishSources: [
      TrackSource.CAMERA,
      TrackSource.MICROPHONE,
      TrackSource.SCREEN_SHARE,
      TrackSource.SCREEN_SHARE_AUDIO,
    ],
    hidden: false,
  },
  speaker: {
    canSubscribe: true,
    canPublish: true,
    canPublishData: true,
    canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
    hidden: false,
  },
  delegate: {
    canSubscribe: true,
    canPublish: false,
    canPublishData: true,
    canPublishSources: [],
    hidden: false,
  },
  viewer: {
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
    canPublishSources: [],
    hidden: false,
  },
  public: {
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
    canPublishSources: [],
    hidden: true,
  },
  interpreterLive: {
    canSubscribe: true,
    canPublish: true,
    canPublishData: false,
    canPublishSources: [TrackSource.MICROPHONE],
    hidden: false,
  },
  interpreter: {
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
    canPublishSources: [],
    hidden: false,
  },
};

export function permissionFor(role: WebcastRole): PublishPermission {
  const p = PERMISSIONS[role];
  return { ...p, canPublishSources: [...p.canPublishSources] };
}

/** A join token's grant for one room. */
export function joinGrant(role: WebcastRole, room: string): VideoGrant {
  // Nobody's token may change its own name, metadata or attributes (an interpreter's language, say); a
  // permission sent by updateParticipant leaves `canUpdateMetadata` out, which is false as well.
  return { roomJoin: true, room, ...permissionFor(role), canUpdateOwnMetadata: false };
}

/** The permission a delegate has in the room, by whether they hold the floor. */
export const delegatePermission = (speaking: boolean) => permissionFor(speaking ? 'speaker' : 'delegate');

/** The permission an interpreter has in the room, by whether they are their booth's live interpreter. */
export const interpreterPermission = (live: boolean) =>
  permissionFor(live ? 'interpreterLive' : 'interpreter');

/** One LiveKit room per panel. */
export const roomNameOf = (panelId: string) => `panel-${panelId}`;

const ROOM_NAME = /^panel-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function panelIdOfRoom(room: string | undefined): string | null {
  return ROOM_NAME.exec(room ?? '')?.[1].toLowerCase() ?? null;
}

/** The role label a join token put in the participant's metadata (`{"role": …}`), if any. */
export function participantRole(metadata: string | undefined): string | null {
  try {
    const role = (JSON.parse(metadata || '{}') as { role?: unknown }).role;
    return typeof role === 'string' ? role : null;
  } catch {
    return null; // metadata we did not write
  }
}

/**
 * socket.io rooms of the /live namespace. Anything that emits (the API's gateway, or the worker through the
 * Redis emitter) addresses clients only through these names.
 */
export const ROOMS = {
  /** Every client joined to the panel (public viewers included). */
  panel: (panelId: string) => `panel:${panelId}`,
  /** The panel's moderators (and admins joined to it). */
  panelModerators: (panelId: string) => `panel:${panelId}:moderators`,
  /** The panel's signed-in clients (everyone joined but public viewers): Q&A when `publicQa` is off. */
  panelMembers: (panelId: string) => `panel:${panelId}:members`,
  /** The interpreters who joined one booth of the panel (`booth:join`). */
  booth: (panelId: string, language: string) => `panel:${panelId}:booth:${language}`,
  /** One user's sockets, whatever panel they joined (e.g. a question's author). */
  user: (userId: string) => `user:${userId}`,
  /** Staff and admin sockets. */
  staff: 'staff',
} as const;

/** The Redis key (channel prefix) the socket.io Redis adapter and emitter share. */
export const socketIoRedisKey = (redisPrefix: string) => `${redisPrefix}:socket.io`;

/**
 * Floor-log actions that mark a speech's start and end. Written by the floor in the same transaction as the
 * change, with `interventionId` set; the archive builds a recording's chapters from them.
 * detail of SPEECH_STARTED: { delegateId, delegateName, delegationId, delegationName, delegationCode, kind, allottedSeconds }
 * detail of SPEECH_ENDED:   { reason, spokenSeconds }
 */
export const FLOOR_LOG_ACTIONS = {
  speechStarted: 'speech:started',
  speechEnded: 'speech:ended',
  /** The worker archived a recording of the panel: binds the video's sha256 to the record. */
  recordingArchived: 'recording:archived',
} as const;

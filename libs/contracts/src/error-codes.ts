/** Every error code a client can receive, over REST or in a socket acknowledgement. */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVITATION_USED: 409,
  INVITATION_EXPIRED: 410,
  /** An invitation withdrawn by staff or a focal point (or replaced by a resend: the old code). */
  INVITATION_REVOKED: 410,
  /** A focal point inviting past the event's delegateQuota for their delegation. */
  QUOTA_EXCEEDED: 409,
  /** A password-reset token already used or past its 60 minutes. */
  RESET_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  /** A socket handshake past the per-user cap of open sockets. */
  TOO_MANY_CONNECTIONS: 429,
  INTERNAL_ERROR: 500,
  WEBCAST_DISABLED: 503,
  SERVICE_UNAVAILABLE: 503,
  // floor and Q&A
  PANEL_NOT_LIVE: 409,
  QUEUE_CLOSED: 409,
  ALREADY_QUEUED: 409,
  QUEUE_EMPTY: 409,
  NO_SPEAKER: 409,
  NOT_IN_QUEUE: 409,
  NOT_JOINED: 409,
  /** A delegate's floor or Q&A command on a panel of an event they are not accredited to. */
  NOT_ACCREDITED: 403,
  /** A delegation past its `rightsOfReplyPerDelegation` in the panel. */
  REPLY_LIMIT: 409,
  /** A grant to a delegation with no speaking time left (the moderator may still give `seconds`). */
  BUDGET_EXHAUSTED: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

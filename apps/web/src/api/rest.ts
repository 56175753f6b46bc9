import type {
  BoothView,
  DelegationDetails,
  DelegationKind,
  EventView,
  InterventionView,
  InvitationLookup,
  PanelSettings,
  PanelSnapshot,
  PanelView,
  RecordingStatus,
  RecordingView,
  TranscriptSearchHit,
  TranscriptSegment,
  Role,
  Translations,
  SessionReport,
  UserView,
  WebcastChannel,
} from '@rostrum/contracts';
import { apiRequest } from './http-client';

/** Every REST call the web app makes, typed by the contract (CONTRACT.md, "REST"). */
export interface SignedIn {
  accessToken: string;
  user: UserView;
}

/** What GET /api/public/events gives of a panel: no settings, queue state or version. */
export type PublicPanel = Pick<
  PanelView,
  | 'id'
  | 'eventId'
  | 'title'
  | 'theme'
  | 'description'
  | 'guidingQuestions'
  | 'translations'
  | 'startsAt'
  | 'endsAt'
  | 'status'
  | 'moderators'
  | 'panelists'
>;
export type PublicEvent = Omit<EventView, 'panels'> & { panels: PublicPanel[] };

export interface PublicPanelDetail {
  panel: PublicPanel;
  snapshot: PanelSnapshot | null;
  webcast: { live: boolean; hlsUrl: string | null; hls?: { language: string; url: string }[] } | null;
}

export interface WebcastToken {
  url: string;
  token: string;
  room: string;
  identity: string;
  canPublish: boolean;
  /** The audio channels: "floor", then the event's languages (absent from servers before issue 17). */
  channels?: WebcastChannel[];
}

export interface PanelInput {
  title: string;
  theme?: string;
  description?: string;
  guidingQuestions?: string[];
  translations?: Translations;
  startsAt: string;
  endsAt: string;
  moderatorIds: string[];
  panelistIds?: string[];
  settings?: Partial<PanelSettings>;
}

export interface RecordingFilter {
  eventId?: string;
  panelId?: string;
  status?: RecordingStatus | '';
  q?: string;
}

const get = <T>(path: string) => apiRequest<T>('GET', path);
const post = <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body);
const patch = <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body);

/** An event's fields as staff create or change them. */
export interface EventInput {
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  languages?: string[];
  translations?: Translations;
  timezone?: string;
  delegateQuota?: number | null;
  groups?: string[];
}

export const rest = {
  login: (email: string, password: string) => post<SignedIn>('/auth/login', { email, password }),
  register: (body: { invitationCode: string; name: string; email: string; password: string }) =>
    post<SignedIn>('/auth/register', body),
  me: () => get<UserView>('/auth/me'),
  /** Staff and admins: accounts by name or email, role and delegation (one page; see X-Total-Count). */
  searchUsers: (filter: { q?: string; role?: Role; delegationId?: string; limit?: number }) =>
    get<UserView[]>(`/users${query(filter)}`),
  logout: () => post<void>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/auth/password', { currentPassword, newPassword }),
  requestPasswordReset: (email: string) => post<void>('/auth/password-reset', { email }),
  confirmPasswordReset: (token: string, password: string) =>
    post<void>('/auth/password-reset/confirm', { token, password }),
  invitation: (code: string) => post<InvitationLookup>('/invitations/lookup', { code }),

  // Every delegation (a conference has ~200; the list route answers 100 unless asked for more).
  delegations: () => get<DelegationDetails[]>('/delegations?limit=500'),
  createDelegation: (body: { name: string; kind: DelegationKind; code: string; region?: string }) =>
    post<DelegationDetails>('/delegations', body),

  events: () => get<EventView[]>('/events'),
  event: (id: string) => get<EventView>(`/events/${id}`),
  createEvent: (body: EventInput) => post<EventView>('/events', body),
  /** One PATCH for every field (both the accreditation settings and the translations). */
  updateEvent: (id: string, body: Partial<EventInput>) => patch<EventView>(`/events/${id}`, body),
  booths: (eventId: string) => get<BoothView[]>(`/events/${eventId}/booths`),
  putBooth: (eventId: string, language: string, interpreterIds: string[]) =>
    apiRequest<BoothView>('PUT', `/events/${eventId}/booths/${encodeURIComponent(language)}`, {
      interpreterIds,
    }),
  panel: (id: string) => get<PanelView>(`/panels/${id}`),
  /** The panel's speeches so far (speaking or done), oldest first: what a right of reply may answer. */
  panelSpeeches: (id: string) => get<InterventionView[]>(`/panels/${id}/speeches?limit=500`),
  createPanel: (eventId: string, body: PanelInput) => post<PanelView>(`/events/${eventId}/panels`, body),
  updatePanel: (id: string, body: Partial<PanelInput>) => patch<PanelView>(`/panels/${id}`, body),
  startPanel: (id: string) => post<PanelView>(`/panels/${id}/start`),
  endPanel: (id: string) => post<PanelView>(`/panels/${id}/end`),
  panelReport: (id: string) => get<SessionReport>(`/panels/${id}/report`),
  eventReport: (id: string) => get<SessionReport>(`/events/${id}/report`),

  publicEvents: () => get<PublicEvent[]>('/public/events'),
  publicPanel: (id: string) => get<unknown>(`/public/panels/${id}`).then(toPublicPanelDetail),
  publicRecordings: (filter: { panelId?: string } = {}) =>
    get<RecordingView[]>(`/public/recordings${query(filter)}`),

  webcastToken: (panelId: string, asPublic: boolean) =>
    post<WebcastToken>(
      asPublic ? `/public/panels/${panelId}/webcast/token` : `/panels/${panelId}/webcast/token`,
    ),

  recordings: (filter: RecordingFilter) => get<RecordingView[]>(`/recordings${query(filter)}`),
  recording: (id: string) => get<RecordingView>(`/recordings/${id}`),
  updateRecording: (id: string, body: { title?: string; published?: boolean }) =>
    patch<RecordingView>(`/recordings/${id}`, body),
  reprocessRecording: (id: string) => post<RecordingView>(`/recordings/${id}/reprocess`),
  importRecording: (body: { panelId: string; sourcePath: string; title?: string }) =>
    post<RecordingView>('/recordings/import', body),
  transcript: (id: string, lang: string, asPublic: boolean) =>
    get<TranscriptSegment[]>(
      `${asPublic ? '/public/recordings' : '/recordings'}/${id}/transcript${query({ lang })}`,
    ),
  searchTranscripts: (q: string, asPublic: boolean) =>
    get<TranscriptSearchHit[]>(`${asPublic ? '/public/recordings' : '/recordings'}/search${query({ q })}`),
};

/** Media routes, for <video>, <img> and download links. */
export const mediaPaths = (id: string, asPublic: boolean) => {
  const base = asPublic ? `/api/public/recordings/${id}` : `/api/recordings/${id}`;
  return {
    video: `${base}/video`,
    poster: `${base}/poster`,
    chapters: `${base}/chapters.vtt`,
    captions: (lang: string) => `${base}/captions.vtt?lang=${lang}`,
  };
};

export function query(params: object): string {
  const entries = Object.entries(params)
    .filter(([, v]) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    .map(([k, v]) => [k, String(v)]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

/**
 * CONTRACT.md gives GET /api/public/panels/:id as "the panel, its public floor snapshot, and webcast"
 * without fixing the nesting: accept the panel either under `panel` or at the top level.
 */
function toPublicPanelDetail(body: unknown): PublicPanelDetail {
  const b = (body ?? {}) as Record<string, unknown>;
  const panel = (b.panel && typeof b.panel === 'object' ? b.panel : b) as PublicPanel;
  const snapshot = (b.snapshot ?? b.floor ?? null) as PanelSnapshot | null;
  const webcast = (b.webcast ?? null) as PublicPanelDetail['webcast'];
  return { panel, snapshot, webcast };
}

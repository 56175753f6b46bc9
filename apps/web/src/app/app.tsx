import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { FocalPointPage } from '../accreditation/focal-point-page';
import { ImportPage } from '../accreditation/import-page';
import { ParticipantsPage } from '../accreditation/participants-page';
import { AuthProvider } from '../auth/auth-context';
import { LoginPage } from '../auth/login-page';
import { ChangePasswordPage, ForgotPasswordPage, ResetPasswordPage } from '../auth/password-pages';
import { RegisterPage } from '../auth/register-page';
import { RequireAuth } from '../auth/require-auth';
import { FloorPage } from '../floor/floor-page';
import { InterpreterConsolePage } from '../interpret/interpreter-console-page';
import { ModeratorConsolePage } from '../moderator/moderator-console-page';
import { ProgrammePage } from '../public/programme-page';
import { PublicArchivePage } from '../public/public-archive-page';
import { WatchPage } from '../public/watch-page';
import { DelegationsPage } from '../staff/delegations-page';
import { EventsPage } from '../staff/events-page';
import { InvitationsPage } from '../staff/invitations-page';
import { MailOutboxPage } from '../staff/mail-outbox-page';
import { PanelFormPage } from '../staff/panel-form-page';
import { RecordingPage } from '../staff/recording-page';
import { StaffArchivePage } from '../staff/staff-archive-page';
import { AnnouncerProvider } from '../ui/announcer';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';

const STAFF = ['staff', 'admin'] as const;

// The report pages carry the chart library and the room display the flags: loaded only when visited.
const PanelReportPage = lazy(() =>
  import('../reports/report-page').then((m) => ({ default: m.PanelReportPage })),
);
const EventReportPage = lazy(() =>
  import('../reports/report-page').then((m) => ({ default: m.EventReportPage })),
);
const RoomDisplayPage = lazy(() =>
  import('../display/room-display-page').then((m) => ({ default: m.RoomDisplayPage })),
);
const EgressPage = lazy(() => import('../egress/egress-page').then((m) => ({ default: m.EgressPage })));

export function App() {
  return (
    <AuthProvider>
      <AnnouncerProvider>
        <BrowserRouter>
          <Suspense fallback={null}>
            <Routes>
              <Route path="display/panels/:panelId" element={<RoomDisplayPage />} />
              <Route path="egress/panels/:panelId" element={<EgressPage />} />
              <Route element={<AppLayout />}>
                <Route index element={<ProgrammePage />} />
                <Route path="watch/:panelId" element={<WatchPage />} />
                <Route path="archive" element={<PublicArchivePage />} />
                <Route path="login" element={<LoginPage />} />
                <Route path="register" element={<RegisterPage />} />
                <Route path="forgot-password" element={<ForgotPasswordPage />} />
                <Route path="reset-password" element={<ResetPasswordPage />} />
                <Route element={<RequireAuth />}>
                  <Route path="account/password" element={<ChangePasswordPage />} />
                  <Route path="panels/:panelId/floor" element={<FloorPage />} />
                  <Route path="panels/:panelId/console" element={<ModeratorConsolePage />} />
                  <Route path="panels/:panelId/report" element={<PanelReportPage />} />
                </Route>
                <Route element={<RequireAuth roles={['interpreter']} />}>
                  <Route path="interpret/panels/:panelId" element={<InterpreterConsolePage />} />
                </Route>
                <Route element={<RequireAuth roles={['delegate']} />}>
                  <Route path="delegation" element={<FocalPointPage />} />
                </Route>
                <Route path="staff" element={<RequireAuth roles={STAFF} />}>
                  <Route index element={<Navigate to="events" replace />} />
                  <Route path="events" element={<EventsPage />} />
                  <Route path="events/:eventId/panels/new" element={<PanelFormPage />} />
                  <Route path="events/:eventId/report" element={<EventReportPage />} />
                  <Route path="events/:eventId/participants" element={<ParticipantsPage />} />
                  <Route path="events/:eventId/import" element={<ImportPage />} />
                  <Route path="panels/:panelId/edit" element={<PanelFormPage />} />
                  <Route path="delegations" element={<DelegationsPage />} />
                  <Route path="invitations" element={<InvitationsPage />} />
                  <Route path="mail" element={<MailOutboxPage />} />
                  <Route path="archive" element={<StaffArchivePage />} />
                  <Route path="archive/:recordingId" element={<RecordingPage />} />
                </Route>
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AnnouncerProvider>
    </AuthProvider>
  );
}

import type { InvitableRole, MailLanguage } from '@rostrum/contracts';
import { escapeHtml, htmlDocument, htmlLink, RenderedMail } from './mail-layout';
import { fill, MAIL_STRINGS } from './mail-strings';
import { formatDateTime, knownTimeZone, zoneLabel } from './mail-times';
import { ProgrammePanel, programmeCalendar } from './programme-calendar';

export interface InvitationMailInput {
  language: MailLanguage;
  name: string | null;
  role: InvitableRole;
  delegation: string | null;
  event: { id: string; title: string; startsAt: Date; endsAt: Date; timezone: string | null } | null;
  panels: ProgrammePanel[];
  /** PUBLIC_URL/register?code=… */
  link: string;
  expiresAt: Date;
  publicHost: string;
}

/**
 * The invitation mail (CONTRACT.md, "Mail"): the event, its dates in its own zone (named), the role and
 * delegation, the link and its expiry, the programme; the same content as plain text and as HTML, where
 * every value that people typed is escaped.
 */
export function renderInvitationMail(input: InvitationMailInput): RenderedMail {
  const s = MAIL_STRINGS[input.language];
  const t = s.invitation;
  const zone = knownTimeZone(input.event?.timezone);
  const when = (at: Date) => formatDateTime(at, s.locale, zone);
  const role = s.roles[input.role];

  // Each line as [plain text, HTML]: values filled raw in the one, escaped in the other.
  const line = (template: string, values: Record<string, string>): [string, string] => [
    fill(template, values),
    fill(
      escapeHtml(template),
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, `<strong>${escapeHtml(v)}</strong>`])),
    ),
  ];
  const lines: [string, string][] = [
    input.name ? line(t.greeting, { name: input.name }) : line(t.greetingNoName, {}),
  ];
  const event = input.event;
  if (event) {
    lines.push(
      input.delegation
        ? line(t.invitedToEventForDelegation, { event: event.title, role, delegation: input.delegation })
        : line(t.invitedToEvent, { event: event.title, role }),
      line(t.dates, { start: when(event.startsAt), end: when(event.endsAt) }),
      line(t.timeZone, { zone: zoneLabel(zone, event.startsAt) }),
    );
  } else {
    lines.push(line(t.invitedToSite, { role }));
  }
  const register = line(t.register, {});
  const expiry = line(t.expiry, { expiry: `${when(input.expiresAt)} (${zoneLabel(zone, input.expiresAt)})` });

  const programme = event && input.panels.length ? input.panels : [];
  const programmeText = programme.map((p) => `- ${when(p.startsAt)}–${when(p.endsAt)}: ${p.title}`);
  const programmeHtml = programme
    .map((p) => `${escapeHtml(when(p.startsAt))}–${escapeHtml(when(p.endsAt))}: ${escapeHtml(p.title)}`)
    .join('<br>');

  const text = [
    ...lines.map(([plain]) => plain),
    `${register[0]}\n${input.link}`,
    expiry[0],
    ...(programme.length ? [`${t.programmeHeading}:\n${programmeText.join('\n')}`, t.programmeAttached] : []),
    t.notExpected,
  ].join('\n\n');

  const subject = event ? fill(t.subject, { event: event.title }) : t.subjectNoEvent;
  const html = htmlDocument(input.language, escapeHtml(subject), [
    ...lines.map(([, markup]) => markup),
    `${register[1]}<br>${htmlLink(input.link)}`,
    expiry[1],
    ...(programme.length
      ? [
          `<strong>${escapeHtml(t.programmeHeading)}</strong><br>${programmeHtml}`,
          escapeHtml(t.programmeAttached),
        ]
      : []),
    escapeHtml(t.notExpected),
  ]);

  const attachments =
    event && programme.length ? [programmeCalendar(event, programme, input.publicHost)] : [];
  return { subject, text: `${text}\n`, html, attachments };
}

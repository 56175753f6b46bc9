import type { MailLanguage } from '@rostrum/contracts';
import { escapeHtml, htmlDocument, htmlLink, RenderedMail } from './mail-layout';
import { fill, MAIL_STRINGS } from './mail-strings';

/** The password-reset mail: the single-use link and how long it lasts. */
export function renderPasswordResetMail(input: {
  language: MailLanguage;
  name: string;
  link: string;
}): RenderedMail {
  const t = MAIL_STRINGS[input.language].reset;
  const text = [
    fill(t.greeting, { name: input.name }),
    t.body,
    `${t.action}\n${input.link}`,
    t.validity,
    t.notYou,
  ].join('\n\n');
  const html = htmlDocument(input.language, escapeHtml(t.subject), [
    fill(escapeHtml(t.greeting), { name: escapeHtml(input.name) }),
    escapeHtml(t.body),
    `${escapeHtml(t.action)}<br>${htmlLink(input.link)}`,
    escapeHtml(t.validity),
    escapeHtml(t.notYou),
  ]);
  return { subject: t.subject, text: `${text}\n`, html, attachments: [] };
}

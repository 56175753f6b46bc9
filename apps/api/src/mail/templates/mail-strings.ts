import type { InvitableRole, MailLanguage } from '@rostrum/contracts';

/** What the invitation mail needs to say, in one language. `{x}` fills are done by `fill`. */
export interface MailStrings {
  locale: string;
  roles: Record<InvitableRole, string>;
  invitation: {
    subject: string;
    subjectNoEvent: string;
    greeting: string;
    greetingNoName: string;
    invitedToEvent: string;
    invitedToEventForDelegation: string;
    invitedToSite: string;
    dates: string;
    timeZone: string;
    register: string;
    expiry: string;
    programmeAttached: string;
    programmeHeading: string;
    notExpected: string;
  };
  reset: {
    subject: string;
    greeting: string;
    body: string;
    action: string;
    validity: string;
    notYou: string;
  };
}

const en: MailStrings = {
  locale: 'en-GB',
  roles: {
    delegate: 'delegate',
    panelist: 'panelist',
    moderator: 'moderator',
    staff: 'staff member',
    interpreter: 'interpreter',
  },
  invitation: {
    subject: 'Invitation: {event}',
    subjectNoEvent: 'Your invitation to Rostrum',
    greeting: 'Dear {name},',
    greetingNoName: 'Hello,',
    invitedToEvent: 'You are invited to take part in {event} as a {role}.',
    invitedToEventForDelegation: 'You are invited to take part in {event} as a {role} of {delegation}.',
    invitedToSite: 'You are invited to join Rostrum as a {role}.',
    dates: 'Dates: {start} to {end}',
    timeZone: 'All times are in the event’s time zone, {zone}.',
    register: 'Create your account with this link:',
    expiry: 'The link can be used once, until {expiry}.',
    programmeAttached: 'The programme is attached as a calendar file (programme.ics).',
    programmeHeading: 'Programme',
    notExpected: 'If you were not expecting this invitation, you can ignore this message.',
  },
  reset: {
    subject: 'Reset your Rostrum password',
    greeting: 'Dear {name},',
    body: 'Someone asked to reset the password of your Rostrum account.',
    action: 'Choose a new password with this link:',
    validity: 'The link can be used once, within 60 minutes.',
    notYou: 'If it was not you, ignore this message: your password stays as it is.',
  },
};

const fr: MailStrings = {
  locale: 'fr-FR',
  roles: {
    delegate: 'délégué·e',
    panelist: 'intervenant·e',
    moderator: 'modérateur·rice',
    staff: 'membre du personnel',
    interpreter: 'interprète',
  },
  invitation: {
    subject: 'Invitation : {event}',
    subjectNoEvent: 'Votre invitation à Rostrum',
    greeting: 'Bonjour {name},',
    greetingNoName: 'Bonjour,',
    invitedToEvent: 'Vous êtes invité·e à participer à {event} en tant que {role}.',
    invitedToEventForDelegation:
      'Vous êtes invité·e à participer à {event} en tant que {role} de la délégation {delegation}.',
    invitedToSite: 'Vous êtes invité·e à rejoindre Rostrum en tant que {role}.',
    dates: 'Dates : du {start} au {end}',
    timeZone: 'Toutes les heures sont celles du fuseau horaire de l’événement, {zone}.',
    register: 'Créez votre compte avec ce lien :',
    expiry: 'Le lien ne peut servir qu’une fois, jusqu’au {expiry}.',
    programmeAttached: 'Le programme est joint sous forme de fichier d’agenda (programme.ics).',
    programmeHeading: 'Programme',
    notExpected: 'Si vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.',
  },
  reset: {
    subject: 'Réinitialisez votre mot de passe Rostrum',
    greeting: 'Bonjour {name},',
    body: 'Une réinitialisation du mot de passe de votre compte Rostrum a été demandée.',
    action: 'Choisissez un nouveau mot de passe avec ce lien :',
    validity: 'Le lien ne peut servir qu’une fois, dans les 60 minutes.',
    notYou:
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
  },
};

const zh: MailStrings = {
  locale: 'zh-CN',
  roles: {
    delegate: '代表',
    panelist: '发言嘉宾',
    moderator: '主持人',
    staff: '工作人员',
    interpreter: '口译员',
  },
  invitation: {
    subject: '邀请：{event}',
    subjectNoEvent: '您收到了 Rostrum 的邀请',
    greeting: '{name}，您好：',
    greetingNoName: '您好：',
    invitedToEvent: '诚邀您以{role}身份参加{event}。',
    invitedToEventForDelegation: '诚邀您以{delegation}{role}身份参加{event}。',
    invitedToSite: '诚邀您以{role}身份加入 Rostrum。',
    dates: '日期：{start} 至 {end}',
    timeZone: '所有时间均为活动所在时区（{zone}）的时间。',
    register: '请通过以下链接创建账户：',
    expiry: '该链接仅可使用一次，有效期至 {expiry}。',
    programmeAttached: '议程已作为日历文件（programme.ics）附上。',
    programmeHeading: '议程',
    notExpected: '如果您并未期待此邀请，请忽略本邮件。',
  },
  reset: {
    subject: '重置您的 Rostrum 密码',
    greeting: '{name}，您好：',
    body: '有人请求重置您 Rostrum 账户的密码。',
    action: '请通过以下链接设置新密码：',
    validity: '该链接仅可使用一次，60 分钟内有效。',
    notYou: '如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
  },
};

export const MAIL_STRINGS: Record<MailLanguage, MailStrings> = { en, fr, zh };

/** Replaces each `{key}` with its value (values are inserted as given: escape them first for HTML). */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** The mail outbox page's strings (lane `mail`), spread into en.ts, fr.ts and zh.ts. */
export const en = {
  mailOutbox: {
    nav: 'Mail',
    title: 'Mail outbox',
    intro:
      'Every mail Rostrum sends: invitations and password resets. Failed mails show the reason the relay gave.',
    status: 'Status',
    all: 'All',
    empty: 'No mail here.',
    to: 'To',
    subject: 'Subject',
    kindColumn: 'Kind',
    attempts: 'Attempts',
    createdAt: 'Written',
    sentAt: 'Sent',
    reason: 'Reason',
    mailOff: 'Mail is off (SMTP_URL is not set): this mail was recorded but not sent.',
    previous: 'Newer',
    next: 'Older',
    statuses: { queued: 'Queued', sent: 'Sent', failed: 'Failed' },
    kinds: { invitation: 'Invitation', password_reset: 'Password reset' },
  },
};

export const fr: typeof en = {
  mailOutbox: {
    nav: 'Courriels',
    title: 'Boîte d’envoi',
    intro:
      'Tous les courriels envoyés par Rostrum : invitations et réinitialisations de mot de passe. Les échecs indiquent la raison donnée par le serveur d’envoi.',
    status: 'État',
    all: 'Tous',
    empty: 'Aucun courriel ici.',
    to: 'Destinataire',
    subject: 'Objet',
    kindColumn: 'Type',
    attempts: 'Tentatives',
    createdAt: 'Rédigé',
    sentAt: 'Envoyé',
    reason: 'Raison',
    mailOff:
      'L’envoi de courriels est désactivé (SMTP_URL n’est pas défini) : ce courriel a été enregistré mais pas envoyé.',
    previous: 'Plus récents',
    next: 'Plus anciens',
    statuses: { queued: 'En attente', sent: 'Envoyé', failed: 'Échec' },
    kinds: { invitation: 'Invitation', password_reset: 'Réinitialisation du mot de passe' },
  },
};

export const zh: typeof en = {
  mailOutbox: {
    nav: '邮件',
    title: '发件箱',
    intro: 'Rostrum 发出的所有邮件：邀请和密码重置。发送失败的邮件会显示邮件服务器给出的原因。',
    status: '状态',
    all: '全部',
    empty: '这里没有邮件。',
    to: '收件人',
    subject: '主题',
    kindColumn: '类型',
    attempts: '尝试次数',
    createdAt: '创建时间',
    sentAt: '发送时间',
    reason: '原因',
    mailOff: '邮件发送已关闭（未设置 SMTP_URL）：此邮件已记录，但未发送。',
    previous: '较新',
    next: '较早',
    statuses: { queued: '排队中', sent: '已发送', failed: '失败' },
    kinds: { invitation: '邀请', password_reset: '密码重置' },
  },
};

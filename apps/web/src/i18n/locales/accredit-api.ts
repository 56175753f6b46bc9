/** Error messages for the accreditation codes (lane accredit-api), spread into each catalogue's `errors`. */
export const accreditApiErrors = {
  en: {
    NOT_ACCREDITED: 'You are not accredited to this event. Ask your focal point or the secretariat.',
    QUOTA_EXCEEDED: 'Your delegation has no places left for this event (accredited and invited delegates).',
    INVITATION_REVOKED:
      'This invitation was withdrawn. Ask the secretariat or your focal point for a new one.',
  },
  fr: {
    NOT_ACCREDITED:
      'Vous n’êtes pas accrédité(e) à cet événement. Adressez-vous à votre point focal ou au Secrétariat.',
    QUOTA_EXCEEDED: 'Votre délégation n’a plus de place pour cet événement (délégués accrédités et invités).',
    INVITATION_REVOKED:
      'Cette invitation a été retirée. Demandez-en une nouvelle au Secrétariat ou à votre point focal.',
  },
  zh: {
    NOT_ACCREDITED: '您未获准参加此活动。请联系您的联络人或秘书处。',
    QUOTA_EXCEEDED: '您的代表团在此活动中已无名额（包括已获准和已邀请的代表）。',
    INVITATION_REVOKED: '此邀请已被撤回。请向秘书处或您的联络人索取新的邀请。',
  },
};

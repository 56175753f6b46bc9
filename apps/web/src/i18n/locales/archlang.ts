/** The egress page and the archive's language menu (spread into en/fr/zh as `egress`). */
export const en = {
  noDelegation: 'Panel',
  channel: 'Interpretation channel {{language}}',
  audioLanguage: 'Audio language',
  floorTrack: 'Floor (original)',
};

export const fr: typeof en = {
  noDelegation: 'Panel',
  channel: 'Canal d’interprétation {{language}}',
  audioLanguage: 'Langue audio',
  floorTrack: 'Parquet (son original)',
};

export const zh: typeof en = {
  noDelegation: '小组',
  channel: '同声传译频道 {{language}}',
  audioLanguage: '音频语言',
  floorTrack: '会场原声',
};

/**
 * Strings of the interpretation lane (issue 17): translated content and interpreters' booths. Spread into each
 * catalogue at its top level; French and Chinese have exactly the English keys (checked by the type).
 */
export const interpEn = {
  translations: {
    legend: 'Translations',
    hint: 'Shown to visitors who chose that language; an empty field shows the original.',
    language: 'Language',
    original: 'Original',
    translation: 'Translation ({{language}})',
    fields: {
      title: 'Title',
      theme: 'Theme',
      description: 'Description',
      guidingQuestions: 'Guiding questions (one per line)',
    },
    empty: '(none)',
    save: 'Save translations',
    saved: 'Translations saved.',
  },
  booths: {
    legend: 'Interpretation booths',
    hint: 'One booth per language of the event; its interpreters take turns live during each panel.',
    booth: 'Booth: {{language}}',
    save: 'Save booth',
    saved: 'Booth saved.',
    noLanguages: 'Give the event its languages to set up booths.',
  },
};

export const interpFr: typeof interpEn = {
  translations: {
    legend: 'Traductions',
    hint: 'Affichées aux visiteurs qui ont choisi cette langue ; un champ vide laisse voir l’original.',
    language: 'Langue',
    original: 'Original',
    translation: 'Traduction ({{language}})',
    fields: {
      title: 'Titre',
      theme: 'Thème',
      description: 'Description',
      guidingQuestions: 'Questions directrices (une par ligne)',
    },
    empty: '(aucun)',
    save: 'Enregistrer les traductions',
    saved: 'Traductions enregistrées.',
  },
  booths: {
    legend: 'Cabines d’interprétation',
    hint: 'Une cabine par langue de l’événement ; ses interprètes se relaient en direct pendant chaque table ronde.',
    booth: 'Cabine : {{language}}',
    save: 'Enregistrer la cabine',
    saved: 'Cabine enregistrée.',
    noLanguages: 'Indiquez les langues de l’événement pour préparer les cabines.',
  },
};

export const interpZh: typeof interpEn = {
  translations: {
    legend: '译文',
    hint: '向选择该语言的访客显示；留空的字段显示原文。',
    language: '语言',
    original: '原文',
    translation: '译文（{{language}}）',
    fields: {
      title: '标题',
      theme: '主题',
      description: '说明',
      guidingQuestions: '指导性问题（每行一个）',
    },
    empty: '（无）',
    save: '保存译文',
    saved: '译文已保存。',
  },
  booths: {
    legend: '同声传译箱',
    hint: '活动的每种语言一个译箱；每场小组讨论中，译箱的口译员轮流上线。',
    booth: '译箱：{{language}}',
    save: '保存译箱',
    saved: '译箱已保存。',
    noLanguages: '请先设置活动的语言，再安排译箱。',
  },
};

/** The interpreter role's label, spread into each catalogue's `roles`. */
export const interpRoles = {
  en: { interpreter: 'Interpreter' },
  fr: { interpreter: 'Interprète' },
  zh: { interpreter: '口译员' },
};

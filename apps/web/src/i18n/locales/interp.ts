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
};

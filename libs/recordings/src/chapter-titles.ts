import { delegationName, DelegationKind, InterventionKind, primaryLanguage } from '@rostrum/contracts';

/** The kinds of intervention as chapter titles name them, in the site's languages; others fall back to English. */
const KIND_LABELS: Record<string, Record<InterventionKind, string>> = {
  en: {
    statement: 'Statement',
    question: 'Question',
    point_of_order: 'Point of order',
    right_of_reply: 'Right of reply',
    group_statement: 'Group statement',
  },
  fr: {
    statement: 'Déclaration',
    question: 'Question',
    point_of_order: 'Motion d’ordre',
    right_of_reply: 'Droit de réponse',
    group_statement: 'Déclaration de groupe',
  },
  zh: {
    statement: '发言',
    question: '提问',
    point_of_order: '程序问题',
    right_of_reply: '答辩权',
    group_statement: '集团发言',
  },
};

export const kindLabel = (kind: InterventionKind, language = 'en') =>
  (KIND_LABELS[primaryLanguage(language)] ?? KIND_LABELS.en)[kind] ?? KIND_LABELS.en[kind];

/** What a chapter's title is made of: the intervention's kind and who spoke, for whom. */
export interface ChapterTitleParts {
  kind: InterventionKind | null;
  delegateName: string | null;
  delegation: { name: string; code: string | null; kind: DelegationKind | string | null } | null;
}

/**
 * "Brazil — Statement" ("Brésil — Déclaration" in French); the speaker's name when they speak for no
 * delegation. The delegation's name follows the language from its ISO code (`delegationName`).
 */
export function chapterTitleIn(parts: ChapterTitleParts, language = 'en'): string {
  const label = parts.kind ? kindLabel(parts.kind, language) : null;
  const d = parts.delegation;
  if (d) {
    const name =
      d.code && d.kind ? delegationName({ name: d.name, code: d.code, kind: d.kind }, language) : d.name;
    return label ? `${name} — ${label}` : name;
  }
  return parts.delegateName ?? label ?? 'Intervention';
}

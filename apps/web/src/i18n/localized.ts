import { delegationName, localizeContent, type DelegationKind } from '@rostrum/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Content in the visitor's language: an event's or panel's `translations`, each field falling back to the
 * text as it was typed (CONTRACT.md, "Translated content").
 */
export function useLocalized() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    <T extends Parameters<typeof localizeContent>[0]>(content: T): T => localizeContent(content, language),
    [language],
  );
}

/** A delegation's name in the visitor's language, from its ISO code (observers keep their name). */
export function useDelegationName() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (delegation: { name: string; code: string; kind: DelegationKind }) =>
      delegationName(delegation, language),
    [language],
  );
}

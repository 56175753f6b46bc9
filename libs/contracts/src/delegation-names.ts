import { alpha3ToAlpha2 } from 'i18n-iso-countries';
import type { DelegationKind } from './domain';
import { primaryLanguage } from './translations';

/**
 * A delegation's name in `language`: a member state's comes from its ISO 3166-1 code through the platform's
 * CLDR names (i18n-iso-countries only maps alpha-3 to alpha-2; its browser build carries no names). Observers,
 * codes that are not a country's, and English keep the name as staff typed it: that is the official (UN)
 * English name, where CLDR's English names are the colloquial ones ("South Korea" for "Republic of Korea").
 */
export function delegationName(
  delegation: { name: string; code: string; kind: DelegationKind | string },
  language: string,
): string {
  const lang = primaryLanguage(language);
  if (delegation.kind !== 'member_state' || lang === 'en') return delegation.name;
  const code = delegation.code.toUpperCase();
  const alpha2 = code.length === 2 ? code : code.length === 3 ? alpha3ToAlpha2(code) : undefined;
  if (!alpha2) return delegation.name;
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(alpha2) ?? delegation.name;
  } catch {
    return delegation.name; // a language Intl does not know
  }
}

import 'flag-icons/css/flag-icons.min.css';
import countries from 'i18n-iso-countries';

/**
 * A delegation's flag from its ISO 3166-1 alpha-3 code (flag-icons' SVGs, keyed by alpha-2). Observer
 * organisations and unknown codes have none: nothing is drawn rather than a wrong or empty flag.
 */
export function Flag({
  code,
  name,
  className = '',
}: {
  code: string | null;
  name: string;
  className?: string;
}) {
  const alpha2 = code ? countries.alpha3ToAlpha2(code.toUpperCase()) : undefined;
  if (!alpha2) return null;
  return (
    <span
      className={`fi fi-${alpha2.toLowerCase()} flag ${className}`}
      role="img"
      aria-label={name}
      data-testid="flag"
      data-flag={alpha2.toLowerCase()}
    />
  );
}

import { useEffect } from 'react';

/** Sets document.title ("Page — Rostrum"), which screen readers announce after a route change. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} — Rostrum` : 'Rostrum';
  }, [title]);
}

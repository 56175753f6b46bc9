import { screen } from '@testing-library/react';
import { ERROR_CODES } from '@rostrum/contracts';
import { en } from '../i18n/locales/en';
import { fr } from '../i18n/locales/fr';
import { zh } from '../i18n/locales/zh';
import { renderWithI18n } from '../test-support/render';
import { ErrorText } from './error-message';

describe('error text', () => {
  it.each(Object.keys(ERROR_CODES))('should have English, French and Chinese text for %s', (code) => {
    for (const locale of [en, fr, zh]) {
      const text = (locale.errors as Record<string, string>)[code];
      expect(text).toEqual(expect.any(String));
      expect(text.trim()).not.toBe('');
    }
  });

  it('should show a French user only French, without the server’s English message', () => {
    renderWithI18n(<ErrorText error={{ code: 'NOT_FOUND', message: 'Panel not found' }} />, 'fr');
    expect(screen.getByRole('alert').textContent).toBe('Introuvable.');
  });

  it('should show a Chinese user only Chinese for a validation error', () => {
    renderWithI18n(
      <ErrorText error={{ code: 'VALIDATION_FAILED', message: 'seconds is not allowed' }} />,
      'zh',
    );
    expect(screen.getByRole('alert').textContent).toBe('部分信息无效。');
  });

  it('should keep the server’s detail in English', () => {
    renderWithI18n(<ErrorText error={{ code: 'VALIDATION_FAILED', message: 'code must be alpha-3' }} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Some of the information is not valid. (code must be alpha-3)',
    );
  });

  it('should show the server’s message where no translation exists', () => {
    renderWithI18n(<ErrorText error={{ code: 'SOMETHING_NEW', message: 'A new rule said no' }} />, 'fr');
    expect(screen.getByRole('alert').textContent).toBe('A new rule said no');
  });
});

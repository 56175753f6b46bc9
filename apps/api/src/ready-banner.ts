import type { AppConfig } from '@rostrum/config';

/**
 * What a newcomer needs once `npm start` is ready, in one short block: where the site and the API docs are,
 * and how to get an account. Printed in development only (a deployment's logs stay JSON lines).
 */
export function readyBanner(config: Pick<AppConfig, 'port' | 'apiDocs' | 'bootstrapAdmin'>): string {
  const site = `http://localhost:${config.port}`;
  const account = config.bootstrapAdmin
    ? [`  Sign in:   ${config.bootstrapAdmin.email} (BOOTSTRAP_ADMIN_EMAIL / _PASSWORD)`]
    : [
        '  Accounts:  npm run seed:demo   (a demo conference; prints its accounts)',
        '             or set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, then restart (creates an admin)',
      ];
  return [
    '',
    'Rostrum is ready.',
    `  Site:      ${site}/`,
    ...(config.apiDocs ? [`  API docs:  ${site}/api/docs`] : []),
    ...account,
    '',
  ].join('\n');
}

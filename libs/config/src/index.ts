export * from './app-config';
export * from './config.module';
export { envSchema } from './config.schema';
export * from './queue-errors.module';
export * from './queue-connection';
export { isSecretVariable, PUBLISHED_SECRETS, withoutPassword } from './published-secrets';
export * from './logger-options';

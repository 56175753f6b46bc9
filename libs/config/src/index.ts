export * from './app-config';
export * from './config.module';
export { envSchema } from './config.schema';

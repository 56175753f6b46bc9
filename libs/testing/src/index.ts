export * from './test-database';
export * from './test-config';
export * from './api-test-app';
export * from './factories';
export * from './live-client';

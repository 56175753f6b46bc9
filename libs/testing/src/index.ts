export * from './test-database';
export * from './test-config';
export * from './api-test-app';
export * from './factories';
export * from './media';
export * from './worker-test-app';
export * from './live-room-listener';

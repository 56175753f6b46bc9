export * from './domain';
export * from './api-types';
export * from './error-codes';
export * from './socket-events';
export * from './jobs';
export * from './live-rooms';
export * from './translations';
export * from './delegation-names';

export * from './fake-livekit-server';
export * from './fake-livekit-webhooks';
export { TwirpFailure } from './fake-livekit-state';
export * from './webcast-test-api';

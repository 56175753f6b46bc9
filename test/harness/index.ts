/**
 * The test harness: what starts our own apps (the API in-process or as a process, the worker) and the LiveKit
 * stand-in. It lives outside libs/ because it imports apps/; libs/testing keeps the infrastructure (databases,
 * Redis, TCP proxies, factories, media, socket clients), which this re-exports so a test needs one import.
 */
export * from '@rostrum/testing';
export * from './api-test-app';
export * from './worker-test-app';
export * from './app-process';
export * from './fake-livekit';

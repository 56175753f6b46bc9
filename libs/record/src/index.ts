export * from './record-entry';
export * from './record-signature';
export * from './verify-record';

export * from './entities';
export * from './data-source-options';
export * from './database-setup';
export * from './snake-naming.strategy';
export { MIGRATIONS } from './migrations';
export * from './mail-jobs';

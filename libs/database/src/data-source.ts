import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@rostrum/config';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI only (`npm run migration:generate`, `migration:run`, `migration:revert`). */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));

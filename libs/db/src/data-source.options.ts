import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'migrations';

export function dataSourceOptions(url: string, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 20, connectionTimeoutMillis: 10_000 },
  };
}

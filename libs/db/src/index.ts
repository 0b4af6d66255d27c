export * from './database';
export * from './data-source.options';
export * from './db.module';
export * from './migrate';
export * from './migrations';
export * from './embedded/embedded-postgres';
export * from './runtime';
export * from './sql';

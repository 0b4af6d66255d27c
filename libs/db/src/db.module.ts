import { DynamicModule, Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';
import { runMigrations } from './migrate';
import { guardPoolErrors } from './pool-error-guard';

@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const database = new Logger('Database');
    guardPoolErrors(this.dataSource, (message) => database.warn(message));
    const applied = await runMigrations(this.dataSource);
    if (applied.length > 0) this.logger.log(`applied ${applied.join(', ')}`);
  }
}

/** The connection string, for the few clients that cannot share the pool (a LISTEN connection). */
export const DATABASE_URL = Symbol('DATABASE_URL');

/** The data source (entities registered by each lib with forFeature) and migrations run on start. */
@Global()
@Module({})
export class DbModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DbModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true, retryAttempts: 3, retryDelay: 1000 }),
      ],
      providers: [MigrationRunner, { provide: DATABASE_URL, useValue: url }],
      exports: [MigrationRunner, DATABASE_URL],
    };
  }
}

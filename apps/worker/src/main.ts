import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { runUntilSignal } from '@app/common';
import { prepareRuntime } from '@app/db';
import { WorkerModule } from './worker.module';

runUntilSignal(async () => {
  const { config, database } = await prepareRuntime(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, database.url), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.get(Logger).log('worker ready');
  return {
    close: async () => {
      await app.close();
      await database.stop();
    },
  };
});

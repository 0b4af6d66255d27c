import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import type { Clock, ResolvedConfig } from '@app/common';
import { prepareRuntime } from '@app/db';
import { AppModule } from '../app.module';
import { configureApp } from './configure-app';
import { RedisIoAdapter } from '../realtime/redis-io.adapter';

export interface RunningDesk {
  app: NestExpressApplication;
  config: ResolvedConfig;
  /** The base URL the desk listens on (the real port when PORT=0). */
  url: string;
  embeddedDatabase: boolean;
  /** Graceful stop: no new connections, in-flight requests finish, then the embedded database (if ours) stops. */
  close(): Promise<void>;
}

/**
 * Validates the environment, opens the database (embedded when DATABASE_URL is unset), migrates and listens.
 * `clock` replaces the system clock: tests move time instead of sleeping.
 */
export async function startDesk(env: Record<string, string | undefined> = process.env, options: { clock?: Clock } = {}): Promise<RunningDesk> {
  const { config, database } = await prepareRuntime(env);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url, options.clock), {
      bufferLogs: true,
      bodyParser: false,
      rawBody: true,
    });
    app.useLogger(app.get(Logger));
    configureApp(app, config);
    if (config.redisUrl) {
      const adapter = new RedisIoAdapter(app);
      await adapter.connect(config.redisUrl);
      app.useWebSocketAdapter(adapter);
    }
    await app.listen(config.port);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const nest = app;
  let closing: Promise<void> | undefined;
  return {
    app: nest,
    config,
    url: `http://127.0.0.1:${port}`,
    embeddedDatabase: database.embedded,
    close: () =>
      (closing ??= (async () => {
        await nest.close();
        await database.stop();
      })()),
  };
}

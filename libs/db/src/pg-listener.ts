import { Client } from 'pg';

export interface ListenerLog {
  warn(message: string): void;
}

/**
 * A dedicated connection LISTENing on one channel, reconnecting by itself. `onConnected` runs after every
 * (re)connection, so the caller can catch up on what was notified while it was not listening.
 */
export class PgListener {
  private client?: Client;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onPayload: (payload: string) => void,
    private readonly log: ListenerLog,
    private readonly onConnected: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url });
    client.on('notification', (n) => this.onPayload(n.payload ?? ''));
    client.on('error', (err) => {
      this.log.warn(`listener on ${this.channel} lost its connection: ${err.message}`);
      void client.end().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      this.retry();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
      this.onConnected();
    } catch (err) {
      this.log.warn(`listener on ${this.channel} cannot connect: ${(err as Error).message}`);
      void client.end().catch(() => undefined);
      this.retry();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private retry(): void {
    if (this.stopped) return;
    setTimeout(() => void this.start(), 1_000).unref();
  }
}

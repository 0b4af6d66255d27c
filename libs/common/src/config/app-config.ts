export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The desk's whole configuration, validated once at boot; nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string | undefined;
  jwtTtlSeconds: number;
  secretsKey: string | undefined;
  bootstrapAdminEmail: string | undefined;
  bootstrapAdminPassword: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string;
  logLevel: LogLevel;
  /** The API also runs the workers unless told not to (several API instances beside `apps/worker`). */
  runWorkers: boolean;
  /** First retry delay of event processing and outbound delivery; each further attempt doubles it (capped at 1 h). */
  retryBaseMs: number;
  /** Attempts before an event or a reply is marked failed (and, for events, waits for a replay). */
  retryMaxAttempts: number;
  /** How often each worker looks for due work when nothing wakes it sooner. */
  workerPollMs: number;
  /** Stored webhook events processed at once by each process (each in its own transaction). */
  processorConcurrency: number;
  /** How long a member whose last connection closed still counts as present (a reload, a flaky network). */
  presenceGraceMs: number;
  /**
   * How long an assignee may stay offline (after PRESENCE_GRACE_MS has turned them offline) before their open
   * conversations of a role go back to its queue.
   */
  assigneeOfflineGraceMs: number;
  /** How long logged events are kept for replay after a reconnect (the contract promises at least 24 hours). */
  eventRetentionHours: number;
  /** Packets queued for one socket beyond which it is disconnected (it then replays from the log, paced). */
  socketMaxQueuedPackets: number;
  /**
   * How far (seconds, either way) a webhook's signed timestamp (Mailgun's `timestamp`) may lie from now before the
   * delivery is refused as a replay; 0 turns the check off.
   */
  webhookMaxAgeSeconds: number;
  /**
   * Which proxies in front of the desk are believed when they name the client in X-Forwarded-For (the address that
   * sign-in throttling counts): none (false), the nearest N hops, or these addresses, CIDR ranges and Express's
   * `loopback`, `linklocal`, `uniquelocal`.
   */
  trustProxy: false | number | string[];
  /** The built browser desk (apps/web) served at `/`; unset: `dist/web` of this checkout. */
  webDir: string | undefined;
  /**
   * `npm start` (scripts/start.js) also runs the demo workspace: fake platform, channels, task force and live
   * traffic (apps/simulator `workspace`). The desk itself only validates these three.
   */
  demo: boolean;
  /** Generated customer events per minute while the demo runs; 0: the workspace without live traffic. */
  demoRatePerMinute: number;
  /** The demo's fake platform port; a free one when it is taken (0: always a free one). */
  demoPlatformPort: number;
}

/** Secrets are always present after boot: taken from the environment or generated into DATA_DIR. */
export interface ResolvedConfig extends AppConfig {
  jwtSecret: string;
  secretsKey: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

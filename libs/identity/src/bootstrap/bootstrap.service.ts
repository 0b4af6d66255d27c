import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ResolvedConfig } from '@app/common';
import { PasswordHasher } from '../auth/password-hasher';
import { MembershipRepository } from '../repositories/membership.repository';
import { UserRepository } from '../repositories/user.repository';
import { WorkspaceRepository } from '../repositories/workspace.repository';
import { DEFAULT_ADMIN, PASSWORD_FILE } from './initial-admin';

const BOOTSTRAP_LOCK = 734_221_902;

export interface BootstrapResult {
  created: boolean;
  email?: string;
  password?: string;
}

/** On an empty database: workspace "Default" and its admin, from BOOTSTRAP_ADMIN_* or a printed one-time password. */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');
  result: BootstrapResult = { created: false };

  constructor(
    private readonly dataSource: DataSource,
    private readonly workspaces: WorkspaceRepository,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.result = await this.ensureFirstAdmin();
    const password = this.result.password ?? (await this.rememberedPassword());
    const lines = [`Sign in at ${this.config.publicUrl} (API docs: ${this.config.publicUrl}/api/docs)`];
    if (password) lines.push(`  e-mail:   ${DEFAULT_ADMIN}`, `  password: ${password}`);
    else if (this.result.created) lines.push(`  e-mail:   ${this.result.email} (password from BOOTSTRAP_ADMIN_PASSWORD)`);
    this.logger.log(lines.join('\n'));
    if (this.config.nodeEnv !== 'test') process.stdout.write(`\n${lines.join('\n')}\n\n`);
  }

  async ensureFirstAdmin(): Promise<BootstrapResult> {
    const fromEnv = this.config.bootstrapAdminEmail !== undefined;
    const email = this.config.bootstrapAdminEmail ?? DEFAULT_ADMIN;
    const password = this.config.bootstrapAdminPassword ?? randomBytes(12).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    const created = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      if (!(await this.workspaces.isEmpty(m))) return false;
      const workspace = await this.workspaces.create({ name: 'Default', timezone: 'UTC' }, m);
      const userId =
        (await this.users.findIdByEmail(email, m)) ?? (await this.users.create({ email, name: 'Administrator', passwordHash }, m));
      await this.memberships.create(workspace.id, userId, 'admin', m);
      return true;
    });
    if (!created) return { created: false };
    if (!fromEnv) {
      mkdirSync(this.config.dataDir, { recursive: true });
      writeFileSync(join(this.config.dataDir, PASSWORD_FILE), password, { mode: 0o600 });
    }
    return { created: true, email, password: fromEnv ? undefined : password };
  }

  /** The generated password, while it still works; forgotten as soon as the admin changes it. */
  private async rememberedPassword(): Promise<string | undefined> {
    const file = join(this.config.dataDir, PASSWORD_FILE);
    if (!existsSync(file)) return undefined;
    const password = readFileSync(file, 'utf8').trim();
    const credentials = await this.users.findCredentialsByEmail(DEFAULT_ADMIN);
    if (credentials && (await this.hasher.verify(credentials.passwordHash, password))) return password;
    rmSync(file, { force: true });
    return undefined;
  }
}

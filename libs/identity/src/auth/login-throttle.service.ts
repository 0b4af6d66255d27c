import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Clock, DomainException } from '@app/common';
import { LoginThrottleEntity } from '../entities/login-throttle.entity';
import { afterFailure, LOGIN_RULES, retryAfterSeconds, ThrottleRule } from './throttle-policy';

/** Repeated failed sign-ins are refused with 429 for a while; kept in PostgreSQL so every instance agrees. */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginThrottleEntity) private readonly repo: Repository<LoginThrottleEntity>,
    private readonly clock: Clock,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const rows = await this.repo.find({ where: { key: In(keys.map((k) => k.key)) } });
    const now = this.clock.now();
    const wait = Math.max(0, ...rows.map((r) => retryAfterSeconds(r, now)));
    if (wait > 0) {
      throw new DomainException('LOGIN_THROTTLED', `Too many failed sign-ins; try again in ${wait} seconds`, {
        'Retry-After': String(wait),
      });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    for (const { key, rule } of this.keys(email, ip)) {
      await this.repo.manager.transaction(async (m) => {
        await m.query('INSERT INTO login_throttle (key, failures, window_started_at) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING', [key, now]);
        const current = await m.findOne(LoginThrottleEntity, { where: { key }, lock: { mode: 'pessimistic_write' } });
        await m.update(LoginThrottleEntity, { key }, afterFailure(current!.failures === 0 ? null : current, rule, now));
      });
    }
  }

  /** A successful sign-in clears the account's counter (not the address's: a sprayer's one hit must not reset it). */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.repo.delete({ key: this.keys(email, ip)[0]!.key });
  }

  private keys(email: string, ip: string): Array<{ key: string; rule: ThrottleRule }> {
    return [
      { key: `account:${email.toLowerCase()}|${ip}`, rule: LOGIN_RULES.account },
      { key: `address:${ip}`, rule: LOGIN_RULES.address },
    ];
  }
}

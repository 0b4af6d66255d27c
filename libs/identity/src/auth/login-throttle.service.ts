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

  /**
   * One sign-in attempt begins: refused when either key is blocked, otherwise counted as a failure before the
   * password is checked, in one transaction holding both rows, so concurrent guesses cannot all pass the check before
   * any of them is counted. A success takes the count back: attemptSucceeded.
   */
  async beginAttempt(email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const keys = this.keys(email, ip);
    await this.repo.manager.transaction(async (m) => {
      const ensure = () =>
        m.query('INSERT INTO login_throttle (key, failures, window_started_at) VALUES ($1, 0, $3), ($2, 0, $3) ON CONFLICT DO NOTHING', [
          keys[0]!.key,
          keys[1]!.key,
          now,
        ]);
      // One statement in key order ("account:" before "address:"), so every attempt locks the rows in the same order.
      const lock = () =>
        m.find(LoginThrottleEntity, { where: { key: In(keys.map((k) => k.key)) }, order: { key: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      await ensure();
      let rows = await lock();
      // A concurrent successful sign-in may delete the account's row between the two statements (found by the API
      // fuzz): insert it again; this transaction now sees that delete.
      if (rows.length < keys.length) {
        await ensure();
        rows = await lock();
      }
      const wait = Math.max(0, ...rows.map((r) => retryAfterSeconds(r, now)));
      if (wait > 0) throw throttled(wait);
      for (const { key, rule } of keys) {
        const current = rows.find((r) => r.key === key)!;
        await m.update(LoginThrottleEntity, { key }, afterFailure(current.failures === 0 ? null : current, rule, now));
      }
    });
  }

  /** The attempt begun with beginAttempt was right: the account's count is cleared, the address's takes it back. */
  async attemptSucceeded(email: string, ip: string): Promise<void> {
    const [account, address] = this.keys(email, ip);
    await this.repo.delete({ key: account!.key });
    await this.repo.query(
      'UPDATE login_throttle SET failures = failures - 1, blocked_until = CASE WHEN failures - 1 >= $2 THEN blocked_until END WHERE key = $1 AND failures > 0',
      [address!.key, address!.rule.maxFailures],
    );
  }

  private keys(email: string, ip: string): Array<{ key: string; rule: ThrottleRule }> {
    return [
      { key: `account:${email.toLowerCase()}|${ip}`, rule: LOGIN_RULES.account },
      { key: `address:${ip}`, rule: LOGIN_RULES.address },
    ];
  }
}

function throttled(wait: number): DomainException {
  return new DomainException('LOGIN_THROTTLED', `Too many failed sign-ins; try again in ${wait} seconds`, { 'Retry-After': String(wait) });
}

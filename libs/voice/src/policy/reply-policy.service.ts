import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import type { AuthUser } from '@app/identity';
import { checkReplyPolicy } from './check-reply-policy';
import type { ReplyPolicyView } from './reply-policy';
import { ReplyPolicyRepository, readReplyPolicy } from './reply-policy.repository';

/** Reading and replacing the reply policy. Enforcing it happens where replies are written (ConversationsService). */
@Injectable()
export class ReplyPolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: ReplyPolicyRepository,
  ) {}

  get(workspaceId: string): Promise<ReplyPolicyView> {
    return readReplyPolicy(this.db, workspaceId);
  }

  /** Replaces the whole policy: lists left out become empty. Applies to replies written from now on. */
  async replace(user: AuthUser, input: Record<string, unknown>): Promise<ReplyPolicyView> {
    const checked = checkReplyPolicy(input);
    if (!checked.ok) throw new DomainException('VALIDATION_FAILED', checked.problems);
    await this.policies.save(this.db, user.workspaceId, checked.value, user.id);
    return this.get(user.workspaceId);
  }
}

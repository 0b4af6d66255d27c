import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

/**
 * People, across workspaces. Only sign-in and user management use it; everything shown inside a workspace goes
 * through MembershipRepository, which is scoped by workspace.
 */
@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  /** With the password hash, for sign-in only. */
  async findCredentialsByEmail(email: string): Promise<{ id: string; passwordHash: string } | null> {
    return this.repo
      .createQueryBuilder('u')
      .select(['u.id', 'u.passwordHash'])
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  async findIdByEmail(email: string, manager?: EntityManager): Promise<string | null> {
    const row = await (manager ?? this.repo.manager)
      .createQueryBuilder(UserEntity, 'u')
      .select('u.id')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    return row?.id ?? null;
  }

  async create(data: { email: string; name: string; passwordHash: string }, manager?: EntityManager): Promise<string> {
    const result = await (manager ?? this.repo.manager).insert(UserEntity, data);
    return result.identifiers[0]!.id as string;
  }

  async update(userId: string, patch: { name?: string; passwordHash?: string }, manager?: EntityManager): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await (manager ?? this.repo.manager).update(UserEntity, { id: userId }, patch);
  }
}

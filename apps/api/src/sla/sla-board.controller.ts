import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/identity';
import { scopeOf } from '@app/inbox';
import { BOARD_DEFAULT_LIMIT, SlaBoardService } from '@app/sla';
import { SlaBoardDto, SlaBoardQuery } from './sla-board.dto';

/** What is about to breach, and what has: every member reads it, an agent only for the conversations they may read. */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/sla/board')
export class SlaBoardController {
  constructor(private readonly board: SlaBoardService) {}

  @Get()
  @ApiOkResponse({
    type: SlaBoardDto,
    description:
      'running clocks (not paused, not met) of open conversations, soonest due first, breached ones first of all; one item per clock. ' +
      'Agents see the conversations of their roles and their own; leads, supervisors and admins the whole workspace. 400 VALIDATION_FAILED for a limit outside 1-500',
  })
  get(@CurrentUser() me: AuthUser, @Query() q: SlaBoardQuery): Promise<SlaBoardDto> {
    return this.board.board(scopeOf(me), q.limit ?? BOARD_DEFAULT_LIMIT);
  }
}

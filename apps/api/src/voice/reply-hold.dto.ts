import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class HoldDeciderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

/** A reply's `hold`: why the reply policy held it for a lead's approval, and the lead's decision. */
export class ReplyHoldDto {
  @ApiProperty({ example: 'Needs a lead\'s approval: Legal (mentions "lawsuit")' }) reason!: string;
  @ApiProperty({ type: [String], description: 'the approval topics that apply' }) topics!: string[];
  @ApiProperty({ type: [String], description: "the topics' terms found in the text" }) terms!: string[];
  @ApiProperty() heldAt!: string;
  @ApiPropertyOptional({ type: HoldDeciderDto, description: 'the lead or admin who approved or rejected it' }) decidedBy?: HoldDeciderDto;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the reason given with a rejection' }) decisionNote?: string | null;
}

import { Module } from '@nestjs/common';

/** One voice: canned responses per workspace and role, and the reply policy that holds or blocks replies. */
@Module({})
export class VoiceModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelEntity } from './channels/channel.entity';
import { ChannelRepository } from './channels/channel.repository';
import { ChannelsService } from './channels/channels.service';

/** Channels and their credentials; the platform adapters are plain functions and need no module. */
@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity])],
  providers: [ChannelRepository, ChannelsService],
  exports: [ChannelsService, ChannelRepository],
})
export class ChannelsModule {}

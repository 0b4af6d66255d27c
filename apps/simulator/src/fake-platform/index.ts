export { baseUrlsFor, startFakePlatform, type FakePlatformOptions } from './fake-platform.server';
export type { Behaviour, FakePlatform, MentionedComment, PlatformName, RecordedRequest, YoutubeDataInput, YoutubeListResponse } from './types';

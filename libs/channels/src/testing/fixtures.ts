import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The platform fixtures, copied from shared/channels/fixtures into the repository so a clean clone tests alone.
 * Bodies are read as bytes: the signatures in each README are over these exact bytes.
 */
export const FIXTURES_DIR = join(__dirname, '../../../../test/fixtures/channels');

export type FixturePlatform = 'email' | 'facebook_page' | 'instagram' | 'linkedin' | 'messenger' | 'telegram' | 'whatsapp' | 'x_twitter' | 'youtube';

export function fixtureBytes(platform: FixturePlatform, file: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, platform, file));
}

import { startFakePlatform, type FakePlatform } from '../fake-platform';

/** The fake platform on its usual port, or on a free one when something else holds it (port 0: always a free one). */
export async function startFakePlatformPreferring(port: number): Promise<FakePlatform> {
  try {
    return await startFakePlatform({ port });
  } catch (err) {
    if (port === 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startFakePlatform({ port: 0 });
  }
}

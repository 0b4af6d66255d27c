import { offlineReason } from './offline-return.service';

describe('offlineReason', () => {
  it('names the grace period in seconds, without trailing zeros', () => {
    expect(offlineReason(600_000)).toBe('assignee offline for more than 600 s');
    expect(offlineReason(1_500)).toBe('assignee offline for more than 1.5 s');
    expect(offlineReason(250)).toBe('assignee offline for more than 0.25 s');
    expect(offlineReason(0)).toBe('assignee offline for more than 0 s');
  });
});

import { sectionOf } from './sections';

describe('the Team page’s sections', () => {
  it('opens the named section and the workload otherwise', () => {
    expect(sectionOf('roles')).toBe('roles');
    expect(sectionOf('map')).toBe('map');
    expect(sectionOf(undefined)).toBe('workload');
    expect(sectionOf('nonsense')).toBe('workload');
  });
});

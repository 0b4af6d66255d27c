import type { SlaPolicy } from './admin-types';
import { emptyPolicyForm, policyBody, policyForm } from './sla-policy-body';

describe('the SLA policy form and the API body', () => {
  it('sends targets in seconds, only the ticked lists, and null for the targets left empty', () => {
    const form = { ...emptyPolicyForm(), name: 'Urgent social', priorities: ['urgent' as const], channelTypes: ['facebook' as const], firstResponse: { amount: '30', unit: 'minutes' as const }, businessHoursId: 'cal-1' };
    expect(policyBody(form)).toEqual({
      name: 'Urgent social',
      when: { priorities: ['urgent'], channelTypes: ['facebook'] },
      firstResponseSeconds: 1800,
      nextResponseSeconds: null,
      resolutionSeconds: null,
      businessHoursId: 'cal-1',
      warnAtPercent: 80,
      onBreach: 'notify',
    });
  });

  it('leaves out an empty first-response target and warning share, for the server to ask for or default', () => {
    const body = policyBody({ ...emptyPolicyForm(), warnAtPercent: '' });
    expect(body).not.toHaveProperty('firstResponseSeconds');
    expect(body).not.toHaveProperty('warnAtPercent');
    expect(body.businessHoursId).toBeNull();
    expect(body.when).toEqual({});
  });

  it('reads a policy back into the form the way it was entered', () => {
    const policy: SlaPolicy = {
      id: 'p1',
      name: 'Default',
      when: { kinds: ['message'], roleIds: ['r1'] },
      firstResponseSeconds: 1800,
      nextResponseSeconds: 7200,
      resolutionSeconds: null,
      businessHoursId: null,
      warnAtPercent: 75,
      onBreach: 'escalate',
      createdAt: '',
      updatedAt: '',
    };
    const form = policyForm(policy);
    expect(form.firstResponse).toEqual({ amount: '30', unit: 'minutes' });
    expect(form.nextResponse).toEqual({ amount: '2', unit: 'hours' });
    expect(form.resolution).toEqual({ amount: '', unit: 'hours' });
    // Saved again unchanged, the body is the policy as it was read (without what the server sets).
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...asRead } = policy;
    expect(policyBody(form)).toEqual(asRead);
  });
});

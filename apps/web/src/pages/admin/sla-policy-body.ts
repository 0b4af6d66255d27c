import type { ChannelType, Kind, Priority } from '../../api/types';
import type { BreachAction, SlaPolicy } from './admin-types';
import { splitSeconds, toSeconds, type DurationInput } from './durations';

/** The SLA policy form's state: lists of ticked values, targets as an amount and a unit. */
export interface PolicyForm {
  name: string;
  priorities: Priority[];
  channelTypes: ChannelType[];
  roleIds: string[];
  kinds: Kind[];
  firstResponse: DurationInput;
  nextResponse: DurationInput;
  resolution: DurationInput;
  /** '' is wall-clock time. */
  businessHoursId: string;
  warnAtPercent: string;
  onBreach: BreachAction;
}

export function emptyPolicyForm(): PolicyForm {
  return {
    name: '',
    priorities: [],
    channelTypes: [],
    roleIds: [],
    kinds: [],
    firstResponse: { amount: '', unit: 'minutes' },
    nextResponse: { amount: '', unit: 'minutes' },
    resolution: { amount: '', unit: 'hours' },
    businessHoursId: '',
    warnAtPercent: '80',
    onBreach: 'notify',
  };
}

export function policyForm(policy: SlaPolicy): PolicyForm {
  return {
    name: policy.name,
    priorities: policy.when.priorities ?? [],
    channelTypes: policy.when.channelTypes ?? [],
    roleIds: policy.when.roleIds ?? [],
    kinds: policy.when.kinds ?? [],
    firstResponse: splitSeconds(policy.firstResponseSeconds),
    nextResponse: splitSeconds(policy.nextResponseSeconds),
    resolution: splitSeconds(policy.resolutionSeconds, 'hours'),
    businessHoursId: policy.businessHoursId ?? '',
    warnAtPercent: String(policy.warnAtPercent),
    onBreach: policy.onBreach,
  };
}

/**
 * The POST or PATCH body. `when` holds only the ticked lists (none ticked: any conversation); an empty first-response
 * target is left out for the server to ask for; empty optional targets are null (off); text the form could not read
 * as a number goes as typed, so the server's validation names it.
 */
export function policyBody(form: PolicyForm): Record<string, unknown> {
  const when: Record<string, string[]> = {};
  if (form.priorities.length) when.priorities = form.priorities;
  if (form.channelTypes.length) when.channelTypes = form.channelTypes;
  if (form.roleIds.length) when.roleIds = form.roleIds;
  if (form.kinds.length) when.kinds = form.kinds;
  const body: Record<string, unknown> = {
    name: form.name,
    when,
    nextResponseSeconds: toSeconds(form.nextResponse),
    resolutionSeconds: toSeconds(form.resolution),
    businessHoursId: form.businessHoursId || null,
    onBreach: form.onBreach,
  };
  const first = toSeconds(form.firstResponse);
  if (first !== null) body.firstResponseSeconds = first;
  const warn = form.warnAtPercent.trim();
  if (warn !== '') body.warnAtPercent = /^\d+$/.test(warn) ? Number(warn) : warn;
  return body;
}

/** What each number of the report means, in words a supervisor can check a row against; sent with every report. */
export const SLA_REPORT_DEFINITIONS: Readonly<Record<string, string>> = Object.freeze({
  range:
    '`from` is inclusive and `to` exclusive. A date (YYYY-MM-DD) means the local midnight starting that day in the workspace time zone; an instant is taken as given. An outcome belongs to the period in which its clock started (the customer message that started it), not the one in which it was answered or breached.',
  key: 'The role, agent (the user who concluded the target, or who held the conversation when it breached) or channel id, with its current name as `label`; null for outcomes without a role or agent. By day: the local date YYYY-MM-DD; by hour: the local hour 0-23 when the clock started, over every day of the range.',
  conversations: 'Distinct conversations with at least one outcome in the row.',
  firstResponse: 'From the first customer message of the conversation (or of its reopening) to the first human reply. A note does not count; a reply the business made on the platform itself does.',
  nextResponse: 'From the first customer message after a reply to the next reply.',
  resolution: 'From the first customer message of the cycle to the conversation being resolved.',
  count: 'Outcomes of this target in the row: every met and every breached target. Targets still running and not yet due are not outcomes yet.',
  met: 'Concluded at or before the due instant (a reply at the due instant itself is met), without a breach.',
  breached: 'Not met: concluded after the due instant, or still running past it (a breach counts the moment it happens, before any reply).',
  attainment: 'met / (met + breached), from 0 to 1; null when there is no outcome.',
  businessSeconds: 'The time a target took, counted only within the business hours of its policy (all the time when the policy has none) and never while the conversation was pending or snoozed.',
  p50Seconds:
    'Median business seconds, nearest-rank method: sort the n outcomes that have a time and take the one at rank ceil(0.5 n) (the lower middle one for an even n). Breached targets not concluded yet have no time and are left out. Null when none has a time.',
  p90Seconds: 'Nearest-rank 90th percentile of business seconds: the value at rank ceil(0.9 n) of the sorted times, always one of the measured values. Null when none has a time.',
  consistency:
    "How steadily first responses met their target: the row's first-response outcomes are split into periods of the workspace's consistency setting (a local day, or an ISO week from Monday), counting only the part of a period inside the range. periods: periods with at least one first-response outcome; periodsOnTarget: those whose attainment is at least minAttainment (equal counts); ratio: periodsOnTarget / periods, null when there is no period.",
});

import { defineMessages } from '../define';

export const team = defineMessages({
  en: {
    'team.title': 'team',
  },
  it: {
    'team.title': 'team',
  },
});

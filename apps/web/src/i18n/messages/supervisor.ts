import { defineMessages } from '../define';

export const supervisor = defineMessages({
  en: {
    'supervisor.title': 'supervisor',
  },
  it: {
    'supervisor.title': 'supervisor',
  },
});

import { defineMessages } from '../define';

export const inbox = defineMessages({
  en: {
    'inbox.title': 'inbox',
  },
  it: {
    'inbox.title': 'inbox',
  },
});

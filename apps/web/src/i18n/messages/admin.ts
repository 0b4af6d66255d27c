import { defineMessages } from '../define';

export const admin = defineMessages({
  en: {
    'admin.title': 'admin',
  },
  it: {
    'admin.title': 'admin',
  },
});

import { defineMessages } from '../define';

export const conversation = defineMessages({
  en: {
    'conversation.title': 'conversation',
  },
  it: {
    'conversation.title': 'conversation',
  },
});

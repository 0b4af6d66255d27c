import { answerKind, ANSWERS, languageOf, pickToAnswer, type WaitingConversation } from './first-answers';
import { recentHistory } from './recent-history';

const NOW = new Date('2026-03-14T12:00:00Z');
const inMinutes = (m: number): string => new Date(NOW.getTime() + m * 60_000).toISOString();

function conversation(id: string, dueInMinutes: number | null, extra: Partial<WaitingConversation> = {}): WaitingConversation {
  return {
    id,
    channelType: 'whatsapp',
    status: 'open',
    language: null,
    sentiment: 'neutral',
    preview: 'Do you have gluten-free pasta?',
    sla: { firstResponseDueAt: dueInMinutes === null ? null : inMinutes(dueInMinutes), firstRespondedAt: null },
    ...extra,
  };
}

describe("the lead's first answers", () => {
  it('picks open, unanswered questions and praise comfortably on time, the longest waiting first, one per channel type', () => {
    const items = [
      conversation('late', -3),
      conversation('amber', 2),
      conversation('fresh', 14),
      conversation('no clock', null),
      conversation('answered', 6, { sla: { firstResponseDueAt: inMinutes(6), firstRespondedAt: inMinutes(-1) } }),
      conversation('resolved', 6, { status: 'resolved' }),
      conversation('whatsapp later', 9),
      conversation('whatsapp first', 5),
      conversation('email', 7, { channelType: 'email' }),
      conversation('x', 8, { channelType: 'x', preview: 'Best carbonara I have ever had', sentiment: 'positive' }),
      conversation('complaint', 4.5, { channelType: 'api', preview: 'Why was I charged twice?', sentiment: 'negative' }),
      conversation('statement', 4.5, { channelType: 'telegram', preview: 'We are 4 tonight', sentiment: 'neutral' }),
    ];
    expect(pickToAnswer(items, NOW, 2).map((c) => c.id)).toEqual(['whatsapp first', 'email']);
    expect(pickToAnswer(items, NOW, 5).map((c) => c.id)).toEqual(['whatsapp first', 'email', 'x']);
    expect(pickToAnswer([conversation('late', -3)], NOW, 2)).toEqual([]);
  });

  it("answers in the customer's language: the desk's reading, else that of the history message the preview shows", () => {
    const history = recentHistory(NOW);
    const italian = history.find((d) => d.language === 'it')!;
    const english = history.find((d) => d.language === 'en')!;
    expect(languageOf(conversation('a', 5, { language: 'en', preview: italian.text }), history)).toBe('en');
    expect(languageOf(conversation('b', 5, { preview: italian.text.split('\n')[0] }), history)).toBe('it');
    expect(languageOf(conversation('c', 5, { preview: english.text.split('\n')[0] }), history)).toBe('en');
    expect(languageOf(conversation('d', 5, { preview: null }), history)).toBe('it');
  });

  it('answers questions with a first answer and praise with thanks, and leaves complaints to a person', () => {
    expect(answerKind({ preview: 'Avete opzioni vegane? 🤔', sentiment: 'neutral' })).toBe('question');
    expect(answerKind({ preview: 'Che meraviglia! 🔥', sentiment: 'positive' })).toBe('thanks');
    expect(answerKind({ preview: 'Come posso avere un rimborso?', sentiment: 'negative' })).toBeUndefined();
    expect(answerKind({ preview: 'Ordine arrivato freddo', sentiment: 'negative' })).toBeUndefined();
    expect(answerKind({ preview: null, sentiment: null })).toBeUndefined();
    expect(ANSWERS.question.it).not.toBe(ANSWERS.question.en);
    expect(ANSWERS.thanks.it).not.toBe(ANSWERS.thanks.en);
  });
});

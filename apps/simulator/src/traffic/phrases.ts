import type { Language } from './people';
import type { Rng } from './random';

export type Intent = 'praise' | 'question' | 'booking' | 'complaint' | 'reply';

const TEXTS: Record<Language, Record<Intent, readonly string[]>> = {
  it: {
    praise: [
      'Che meraviglia! {e}',
      'La carbonara più buona di Roma, senza dubbio {e}',
      'Serata perfetta, grazie a tutto lo staff {e}',
      'Tornati per la terza volta questo mese, non si sbaglia mai {e}',
      'Il tiramisù della casa è una poesia {e}',
    ],
    question: [
      'Siete aperti anche a Ferragosto? {e}',
      'Avete opzioni vegane o senza glutine? {e}',
      'Si può venire con il cane in terrazza? {e}',
      'A che ora chiude la cucina la domenica?',
      'Fate anche asporto o solo consegna a domicilio? {e}',
      'C’è parcheggio nelle vicinanze?',
    ],
    booking: [
      'Vorrei prenotare un tavolo per {n} persone sabato sera {e}',
      'Posso spostare la prenotazione di domani alle 21:00?',
      'Avete posto per {n} stasera verso le 20:30? {e}',
      'Organizziamo una cena aziendale per {n}, avete una sala privata?',
    ],
    complaint: [
      'Ordine #{o} arrivato freddo e in ritardo di un’ora {e}',
      'C’è un errore nel conto, ci avete addebitato due volte {e}',
      'Ho chiamato tre volte e nessuno risponde, pessimo servizio {e}',
      'La prenotazione non risultava e abbiamo aspettato 40 minuti {e}',
      'Il pacco è arrivato danneggiato, come posso avere un rimborso? {e}',
    ],
    reply: ['Anche io vorrei saperlo! {e}', 'Confermo, è buonissimo {e}', 'Grazie, gentilissimi!', 'Sì, ci sono stata la settimana scorsa {e}', 'Allora ci vediamo lì {e}'],
  },
  en: {
    praise: [
      'Best carbonara I have ever had {e}',
      'Lovely evening, the staff were amazing {e}',
      'That view from the terrace though {e}',
      'Highly recommend the cacio e pepe {e}',
    ],
    question: [
      'Do you have gluten-free pasta? {e}',
      'Are you open on Sunday evenings?',
      'Is the tiramisù made in house? {e}',
      'Can I bring my dog on the terrace? {e}',
      'Do you take reservations for large groups?',
    ],
    booking: [
      'Could I book a table for {n} this Saturday at 8pm? {e}',
      'We are {n} people, any chance of a table tonight? {e}',
      'Can we move our booking to 9pm please?',
    ],
    complaint: [
      'Order #{o} still has not arrived after 90 minutes {e}',
      'I was charged twice for the same dinner {e}',
      'Nobody answers the phone, really disappointing {e}',
      'Our reservation was lost and we waited 45 minutes {e}',
    ],
    reply: ['Same question here {e}', 'Can confirm, it is great {e}', 'Thanks for the tip!', 'We went last week, loved it {e}', 'Agreed 💯'],
  },
};

const EMOJI: Record<Intent, readonly string[]> = {
  praise: ['😍', '🍝', '🔥', '👏', '❤️', '🍷✨', '😋'],
  question: ['🤔', '🙏', '🌱', '🐶', '🙋‍♀️', ''],
  booking: ['🍝', '🙏', '📅', '🍕🍷', ''],
  complaint: ['😡', '😞', '😕', '👎', '🤬', ''],
  reply: ['🙋‍♂️', '👍', '😄', '🙌', ''],
};

const INTENTS_BY_WEIGHT: readonly Intent[] = ['praise', 'praise', 'question', 'question', 'question', 'booking', 'booking', 'complaint', 'complaint'];

export function randomIntent(rng: Rng): Exclude<Intent, 'reply'> {
  return rng.pick(INTENTS_BY_WEIGHT) as Exclude<Intent, 'reply'>;
}

/** A customer's line in their language, with emoji, party sizes and order numbers filled in. */
export function phrase(rng: Rng, language: Language, intent: Intent): string {
  return rng
    .pick(TEXTS[language][intent])
    .replace('{e}', rng.pick(EMOJI[intent]))
    .replace('{n}', String(rng.int(2, 12)))
    .replace('{o}', String(rng.int(1000, 9999)))
    .trim();
}

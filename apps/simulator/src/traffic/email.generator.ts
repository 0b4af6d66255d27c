import { DEMO } from '../demo-accounts';
import { randomPerson, type Language } from './people';
import { phrase, randomIntent, type Intent } from './phrases';
import type { Rng } from './random';
import { clip, customer, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

const DOMAINS = ['gmail.example', 'libero.example', 'outlook.example', 'icloud.example'];

const SUBJECTS: Record<Language, Record<Exclude<Intent, 'reply'>, readonly string[]>> = {
  it: {
    praise: ['Grazie per la bella serata', 'Complimenti alla cucina'],
    question: ['Una domanda', 'Informazioni'],
    booking: ['Prenotazione', 'Richiesta di prenotazione'],
    complaint: ['Problema con il mio ordine', 'Reclamo'],
  },
  en: {
    praise: ['Thank you!', 'A lovely evening'],
    question: ['Quick question', 'A question about your menu'],
    booking: ['Table booking', 'Booking request'],
    complaint: ['Problem with my order', 'Complaint'],
  },
};

/** What a customer writes when they come back to their own thread before anyone answered. */
const FOLLOW_UPS: Record<Language, readonly string[]> = {
  it: ['Scusate, avete avuto modo di leggere la mia email?', 'Aggiungo solo che con noi ci sarà anche un bambino piccolo.', 'Potete rispondermi entro stasera? Grazie!'],
  en: ['Sorry to chase, did you get my email?', 'Just to add: one of us is vegetarian.', 'Could you get back to me by tonight? Thanks!'],
};

const SIGN_OFF: Record<Language, string> = { it: 'Grazie, a presto', en: 'Many thanks' };

interface EarlierMail {
  messageId: string;
  subject: string;
}

/** RFC 5322's Date, as mail clients write it: `Mon, 10 Jun 2024 11:04:55 +0000`. */
const mailDate = (at: Date): string => at.toUTCString().replace(/GMT$/, '+0000');

/**
 * A Postmark inbound e-mail to the restaurant's support address: a new thread with a subject, or, from a returning
 * customer, a follow-up in their earlier thread (Re: the same subject, In-Reply-To their last mail).
 */
export function inboundEmail(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const author = customer(rng, memory, 'email.people', (): Customer => {
    const person = randomPerson(rng);
    return { ...person, id: `${person.username}@${rng.pick(DOMAINS)}` };
  }, 0.3);
  const earlier = memory.recall<EarlierMail>(rng, `email.thread.${author.id}`);
  const intent = randomIntent(rng);
  const subject = earlier ? `Re: ${earlier.subject.replace(/^Re: /, '')}` : rng.pick(SUBJECTS[author.language][intent]);
  // The first line is what the inbox shows, so it carries the request; greeting-less, as many short mails are.
  const text = `${earlier ? rng.pick(FOLLOW_UPS[author.language]) : phrase(rng, author.language, intent)}\n\n${SIGN_OFF[author.language]},\n${author.firstName}`;
  const messageId = `<${rng.token(28)}@mail.${author.id.slice(author.id.indexOf('@') + 1)}>`;
  const fromName = `${author.firstName} ${author.lastName}`;
  const headers = [
    { Name: 'Return-Path', Value: `<${author.id}>` },
    { Name: 'MIME-Version', Value: '1.0' },
    { Name: 'Message-ID', Value: messageId },
    ...(earlier ? [{ Name: 'In-Reply-To', Value: earlier.messageId }, { Name: 'References', Value: earlier.messageId }] : []),
  ];
  const mail = {
    FromName: fromName,
    MessageStream: 'inbound',
    From: author.id,
    FromFull: { Email: author.id, Name: fromName, MailboxHash: '' },
    To: `"${DEMO.pageName}" <${DEMO.inboundAddress}>`,
    ToFull: [{ Email: DEMO.inboundAddress, Name: DEMO.pageName, MailboxHash: '' }],
    Cc: '',
    CcFull: [],
    Bcc: '',
    BccFull: [],
    OriginalRecipient: DEMO.inboundAddress,
    Subject: subject,
    MessageID: `${rng.token(8)}-${rng.token(4)}-${rng.token(4)}-${rng.token(12)}`,
    ReplyTo: '',
    MailboxHash: '',
    Date: mailDate(at),
    TextBody: text,
    HtmlBody: `<div dir="ltr">${text
      .split('\n\n')
      .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
      .join('')}</div>`,
    StrippedTextReply: '',
    Tag: '',
    Headers: headers,
    Attachments: [],
  };
  memory.remember(`email.thread.${author.id}`, { messageId, subject } satisfies EarlierMail);
  return {
    channelType: 'email',
    body: JSON.stringify(mail),
    contentType: 'application/json',
    externalId: messageId,
    kind: 'message',
    text,
    language: author.language,
    ...(earlier ? { parentExternalId: earlier.messageId } : {}),
    author: { id: author.id, name: fromName },
    summary: `email from ${author.id}: ${subject}: ${clip(text.split('\n')[0]!)}`,
  };
}

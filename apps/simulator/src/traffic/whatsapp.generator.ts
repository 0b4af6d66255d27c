import { DEMO } from '../demo-accounts';
import { randomPerson } from './people';
import { phrase, randomIntent } from './phrases';
import { escapedJson } from './platform-json';
import type { Rng } from './random';
import { clip, customer, seconds, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

/** A WhatsApp text from an Italian or British number; a returning customer sometimes swipe-replies to their last one. */
export function whatsappMessage(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const author = customer(rng, memory, 'whatsapp.people', (): Customer => {
    const person = randomPerson(rng);
    return { ...person, id: person.language === 'it' ? `393${rng.digits(9)}` : `447${rng.digits(9)}` };
  }, 0.5);
  const previous = memory.recall<string>(rng, `whatsapp.wamid.${author.id}`);
  const quoted = previous && rng.chance(0.3) ? previous : undefined;
  const id = `wamid.HBgM${Buffer.from(`${author.id}${rng.token(24)}`).toString('base64')}`;
  const text = phrase(rng, author.language, randomIntent(rng));
  const message = {
    ...(quoted ? { context: { from: author.id, id: quoted } } : {}),
    from: author.id,
    id,
    timestamp: String(seconds(at)),
    type: 'text',
    text: { body: text },
  };
  memory.remember(`whatsapp.wamid.${author.id}`, id);
  const value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: DEMO.displayPhoneNumber, phone_number_id: DEMO.phoneNumberId },
    contacts: [{ profile: { name: author.name }, wa_id: author.id }],
    messages: [message],
  };
  return {
    channelType: 'whatsapp',
    body: escapedJson({ object: 'whatsapp_business_account', entry: [{ id: DEMO.wabaId, changes: [{ value, field: 'messages' }] }] }),
    contentType: 'application/json',
    externalId: id,
    kind: 'message',
    text,
    language: author.language,
    ...(quoted ? { parentExternalId: quoted } : {}),
    author: { id: author.id, name: author.name },
    summary: `whatsapp from +${author.id} (${author.name}): ${clip(text)}`,
  };
}

import { adapterFor } from '@app/channels/adapters/registry';
import type { ChannelType } from '@app/channels/types/channel-type';
import { demoAdapterConfig } from '../demo-accounts';
import type { DeliveryAnswer, DeskClient } from '../desk/desk-client';

/** The desk's channel for each type the simulator delivers to (a type without one cannot be delivered). */
export type ChannelIds = Partial<Record<ChannelType, { id: string }>>;

/** Signs the bytes exactly as the platform would (signature, secret token, basic auth) and posts them to the channel's webhook. */
export function signAndDeliver(
  desk: DeskClient,
  channels: ChannelIds,
  baseUrls: Record<ChannelType, string>,
  delivery: { channelType: ChannelType; body: Buffer | string; contentType: string },
): Promise<DeliveryAnswer> {
  const body = Buffer.isBuffer(delivery.body) ? delivery.body : Buffer.from(delivery.body, 'utf8');
  const signed = adapterFor(delivery.channelType).signDelivery(body, demoAdapterConfig(delivery.channelType, baseUrls));
  const headers = { 'content-type': delivery.contentType, 'user-agent': 'response-desk-simulator', ...signed };
  const channel = channels[delivery.channelType];
  if (!channel) return Promise.reject(new Error(`no ${delivery.channelType} channel to deliver to`));
  return desk.deliver(channel.id, body, headers);
}

/** `200 events=2` or `403 SIGNATURE_INVALID: ...`: the desk's answer in one short line. */
export function describeAnswer(answer: DeliveryAnswer): string {
  try {
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    if (answer.status < 300) return `${answer.status} events=${String(body.events)}${body.duplicate ? ' (duplicate)' : ''}`;
    return `${answer.status} ${String(body.code ?? body.error ?? '')}: ${String(body.message ?? '').slice(0, 200)}`;
  } catch {
    return `${answer.status} ${answer.body.slice(0, 200)}`;
  }
}

export * from './channel-type';
export * from './webhook-request';
export * from './normalized-event';
export * from './outbound';
export * from './channel-adapter';

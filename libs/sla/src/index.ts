export * from './sla.module';
export * from './calendar/business-hours';

export * from './sla.module';
export * from './calendar/business-hours';
export * from './calendar/open-hours';
export * from './calendar/weekly-hours';
export * from './business-hours/business-hours.view';
export * from './business-hours/business-hours.service';
export * from './clocks/sla-engine.service';
export * from './timers/sla-workers.module';

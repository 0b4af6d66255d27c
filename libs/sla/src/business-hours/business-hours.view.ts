import type { BusinessHours } from '../calendar/business-hours';

/** A calendar as the API shows it. */
export interface BusinessHoursView extends BusinessHours {
  createdAt: string;
  updatedAt: string;
}

// The words for a campaign and its customer records.

export const campaignTypes = ['predictive', 'preview'] as const;
export type CampaignType = (typeof campaignTypes)[number];

export const campaignStatuses = ['started', 'stopped'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** fresh: dialable once `nextAttemptAt` has passed (or never tried); dialing: a call is in flight; done: never again. */
export const recordStatuses = ['fresh', 'dialing', 'done'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

/** The holidays a calling schedule closes on. `CO`: Colombian public holidays; `none`: no holiday closes it. */
export const holidayCalendars = ['CO', 'none'] as const;
export type HolidayCalendar = (typeof holidayCalendars)[number];

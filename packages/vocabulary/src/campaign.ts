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

/**
 * Why a campaign is not dialling now (GET /v1/campaigns/{id}/stats, the `campaign.dialling` event).
 * `no_trunk` and `trunk_at_limit` concern SIP telephony only: the operation has no trunk its calls
 * may take, or its trunk carries as many calls as its `max_calls` allows.
 */
export const notDiallingReasons = ['stopped', 'outside_schedule', 'no_agent_ready', 'no_records', 'no_trunk', 'trunk_at_limit'] as const;
export type NotDiallingReason = (typeof notDiallingReasons)[number];

/**
 * The lengths, in minutes, a campaign's day may be cut in for charts (GET
 * /v1/campaigns/{id}/stats/series): each divides an hour, so buckets start on the hour's marks.
 */
export const seriesBucketMinutes = [5, 10, 15, 30, 60] as const;
export type SeriesBucketMinutes = (typeof seriesBucketMinutes)[number];

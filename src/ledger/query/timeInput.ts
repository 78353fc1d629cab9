import { z } from 'zod';

/** A point in time as callers give it: a Date or an ISO-8601 string with an offset. */
export const timeInput = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((t) => new Date(t));

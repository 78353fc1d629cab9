import autocannon from 'autocannon';

export interface LoadResult {
  readonly label: string;
  /** Requests per second asked for; 0 = as fast as it goes. */
  readonly rate: number;
  readonly achieved: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

/** One autocannon run: `connections` clients, an overall rate (or none), for `seconds`. */
export async function load(options: {
  readonly label: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly rate: number;
  readonly seconds: number;
  readonly connections: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    // autocannon's rate is per connection.
    ...(options.rate > 0 ? { overallRate: options.rate } : {}),
  });
  return {
    label: options.label,
    rate: options.rate,
    achieved: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

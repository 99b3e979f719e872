import autocannon from "autocannon";

// One autocannon run against one route, with latencies kept to the microsecond: autocannon's own
// histogram counts whole milliseconds, too coarse for a baseline that answers in about 1 ms.

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Milliseconds, over every response (whatever its status). */
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  /** Status code → count, for the responses that were not 2xx. */
  statusCodes: Record<string, number>;
  /** Connection errors and timeouts: requests that got no response at all. */
  errors: number;
}

let current: autocannon.Instance | undefined;

/** Stops the run in progress (on Ctrl-C). */
export function stopLoad(): void {
  current?.stop();
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    current = autocannon(
      {
        url: options.url,
        headers: options.headers,
        connections: options.connections,
        duration: options.duration,
        // A redirect or an error page is still a response to time; the non-2xx count shows it.
        excludeErrorStats: false,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    current.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
  current = undefined;

  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / result.duration,
    latency: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
    },
    non2xx: Object.values(statusCodes).reduce((sum, n) => sum + n, 0),
    statusCodes,
    errors: result.errors + result.timeouts,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

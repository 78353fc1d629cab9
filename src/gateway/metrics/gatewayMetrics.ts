import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Ledger } from '../../ledger/index.js';

/** The gateway's Prometheus metrics, in a registry of its own (no process-wide global). */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** Records one finished request. `route` is the route pattern, never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts the lane a scan or output check ended in. */
  countLane(check: 'scan' | 'output' | 'chat', lane: string): void;
  render(): Promise<string>;
  readonly contentType: string;
}

export function createGatewayMetrics(options: {
  readonly ledger: Ledger;
  readonly processMetrics?: boolean;
}): GatewayMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'maestro_' });
  const requests = new Counter({
    name: 'maestro_http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'maestro_http_request_duration_seconds',
    help: 'Time from request to response, by route pattern.',
    labelNames: ['route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const lanes = new Counter({
    name: 'maestro_lanes_total',
    help: 'Lanes of the checks the gateway ran.',
    labelNames: ['check', 'lane'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'maestro_ledger_pending_events',
    help: 'Risk events accepted but not yet committed.',
    registers: [registry],
    collect() {
      this.set(options.ledger.stats().pending);
    },
  });
  new Gauge({
    name: 'maestro_ledger_failed_events',
    help: 'Risk events the store refused since the start (should stay 0).',
    registers: [registry],
    collect() {
      this.set(options.ledger.stats().failed);
    },
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ route }, seconds);
    },
    countLane(check, lane) {
      lanes.inc({ check, lane });
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

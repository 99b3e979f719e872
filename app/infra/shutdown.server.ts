import type { Server } from "node:http";

/**
 * Stops taking connections and waits for the requests in flight to be answered, at most
 * `graceMs`; then cuts off whatever is left. Resolves true when everything finished in time.
 */
export function drain(server: Server, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Keep-alive connections would hold close() open until they time out: each is closed as soon
    // as its last request is answered.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const timer = setTimeout(() => {
      clearInterval(idle);
      server.closeAllConnections();
      resolve(false);
    }, graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(timer);
      resolve(true);
    });
    server.closeIdleConnections();
  });
}

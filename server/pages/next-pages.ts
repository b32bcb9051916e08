import next from "next";
import type { PageHandler } from "../app-ports";

/**
 * The Next.js app (pages and their assets) as a request handler for our HTTP server. Dev mode
 * compiles on demand with hot reload; production serves the output of `next build`.
 */
export async function createNextPages(input: {
  dev: boolean;
  dir: string;
  hostname: string;
  port: number;
}): Promise<PageHandler> {
  const app = next({
    dev: input.dev,
    dir: input.dir,
    hostname: input.hostname,
    port: input.port,
    customServer: true,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  return {
    handle: (request, response) => handle(request, response),
    close: () => app.close(),
  };
}

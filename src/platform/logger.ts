import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/**
 * Request logs carry the method, the path without its query string, the status and the time.
 * Never the IP address, the user agent or the query (which could carry a token): a person who
 * reads or writes here must not be traceable from our logs.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      serializers: {
        req: (req: { method?: string; url?: string }) => ({
          method: req.method,
          path: typeof req.url === "string" ? req.url.split("?")[0] : undefined,
        }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      },
      redact: { paths: ["password", "*.password", "token", "*.token"], remove: true },
    },
    destination,
  );
}

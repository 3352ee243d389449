// A small keep-alive HTTP load driver: `concurrency` loops over one agent with as many sockets, each
// sending the next request of the list as soon as its previous answer is read.
import http from "node:http";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  ms: number;
  statuses: number[];
  /** Bodies of the first few answers, for checks. */
  samples: string[];
  /** Requests per second. */
  rate: number;
}

function send(
  agent: http.Agent,
  port: number,
  request: LoadRequest,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers["Content-Length"] = Buffer.byteLength(request.body);
    const req = http.request(
      { host: "127.0.0.1", port, method: request.method, path: request.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

/** Sends every request, `concurrency` at a time; a failed connection counts as status 0. */
export async function runLoad(
  port: number,
  requests: readonly LoadRequest[],
  concurrency: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Array<number>(requests.length).fill(0);
  const samples: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const request = requests[i];
      if (!request) break;
      try {
        const answer = await send(agent, port, request);
        statuses[i] = answer.status;
        if (samples.length < 3) samples.push(answer.body);
      } catch {
        statuses[i] = 0;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  const ms = performance.now() - started;
  agent.destroy();
  return { ms, statuses, samples, rate: (requests.length * 1000) / ms };
}

/** How many answers had each status. */
export function tally(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

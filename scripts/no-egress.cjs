// Refuses every outbound connection that does not stay on this machine, for the whole test run:
// `NODE_OPTIONS=--require <this file>` makes every Node process of the suite (vitest workers, API
// processes the tests start, builds) load it first. Loopback addresses, `localhost` and Unix
// sockets pass; anything else fails at once with EGRESS_BLOCKED, and is written down in the file
// named by PRIYOM_EGRESS_LOG so the run can prove afterwards that nobody tried. Plain CommonJS:
// it runs before any loader (tsx) is in place. Never loaded in production.
"use strict";
const net = require("node:net");
const dns = require("node:dns");
const fs = require("node:fs");

if (!globalThis.__PRIYOM_NO_EGRESS__) {
  globalThis.__PRIYOM_NO_EGRESS__ = true;
  const LOCAL_NAMES = new Set(["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"]);

  /** Loopback by address or by name; anything else is the outside world. */
  const isLocal = (host) => {
    if (host === undefined || host === null || host === "") return true; // Node's default: localhost
    const h = String(host)
      .toLowerCase()
      .replace(/^\[|\]$/g, "");
    if (LOCAL_NAMES.has(h) || h.endsWith(".localhost")) return true;
    if (net.isIPv4(h)) return h.startsWith("127.");
    if (net.isIPv6(h)) return h === "::1" || /^::ffff:127\./.test(h);
    return false;
  };

  const refuse = (what) => {
    const line = `${new Date().toISOString()} pid ${process.pid} ${what}\n`;
    if (process.env.PRIYOM_EGRESS_LOG) {
      try {
        fs.appendFileSync(process.env.PRIYOM_EGRESS_LOG, line);
      } catch {
        // The refusal itself must happen even when the log cannot be written.
      }
    }
    const error = new Error(`Outbound connection refused in the test run (no egress): ${what}`);
    error.code = "EGRESS_BLOCKED";
    return error;
  };

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const first = args[0];
    let host;
    let path;
    if (Array.isArray(first)) {
      // Internal form (normalized arguments): [options, callback].
      host = first[0] && first[0].host;
      path = first[0] && first[0].path;
    } else if (first !== null && typeof first === "object") {
      host = first.host;
      path = first.path;
    } else if (typeof first === "string" && Number.isNaN(Number(first))) {
      path = first; // a Unix socket path
    } else {
      host = typeof args[1] === "string" ? args[1] : undefined;
    }
    if (path === undefined && !isLocal(host)) {
      const error = refuse(`connect ${host}`);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };

  // Name look-ups of outside hosts would leak the name to a resolver even if the connection then fails.
  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname, options, callback) {
    if (!isLocal(hostname) && !net.isIP(String(hostname))) {
      const cb = typeof options === "function" ? options : callback;
      const error = refuse(`lookup ${hostname}`);
      process.nextTick(() => cb(error));
      return {};
    }
    return lookup.apply(this, arguments);
  };
  const promiseLookup = dns.promises.lookup;
  dns.promises.lookup = function guardedPromiseLookup(hostname, ...rest) {
    if (!isLocal(hostname) && !net.isIP(String(hostname))) {
      return Promise.reject(refuse(`lookup ${hostname}`));
    }
    return promiseLookup.call(this, hostname, ...rest);
  };
}

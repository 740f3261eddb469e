// The log scan of a whole test run: every server log line the tests saw (collected in
// LOOKOUT_TEST_LOG_DIR by tests/test_logs.h, the CLI tests' servers and the browser
// journeys) is checked for secrets and for fields a request log must not carry.
// Usage: node tests/ops/log_scan.mjs LOG_DIR   (ctest runs it after every other test)
// Fails when a line holds a password, a session, CSRF or API token, a cookie or an
// Authorization header; when a JSON log line has a key outside the documented set or a
// route with a query string; and when fewer request lines than LOOKOUT_LOG_SCAN_MIN_REQUESTS
// were seen (scripts/test.sh sets it, so the whole run cannot pass by scanning nothing).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node log_scan.mjs LOG_DIR");
  process.exit(2);
}

// The keys src/http/server.cc writes: a new one must be added here on purpose.
const allowedKeys = new Set(["time", "level", "request_id", "method", "route", "status",
                             "duration_ms", "remote", "user", "message"]);
// Secrets whatever the run: what a cookie, an Authorization header or an API token look
// like, the test users' password phrases (tests/http/auth_test_util.cc) and the demo's.
const patterns = [
  [/lookout_session=/i, "a session cookie"],
  [/\bBearer\s/i, "an Authorization header"],
  [/lkt_[A-Za-z0-9_-]/, "an API token"],
  [/[A-Za-z0-9_-]{40,}/, "a random token (43 characters of base64url: session, CSRF or API)"],
  [/a test phrase for/, "a test user's password"],
  [/-demo-pass/, "a demo password"],
  [/"(password|new|current|csrf_token|token)"\s*:/, "a password or token field"],
];

let files = [];
try {
  files = readdirSync(dir);
} catch (e) {
  console.error(`log scan: cannot read ${dir}: ${e.message}`);
  process.exit(1);
}
// Secrets a test registered (LOG_DIR/*.secrets, one per line): the browser journeys' random
// passwords, say.
const secrets = [];
for (const f of files.filter((f) => f.endsWith(".secrets"))) {
  for (const s of readFileSync(join(dir, f), "utf8").split("\n")) {
    if (s.length >= 8) secrets.push(s);
  }
}

const problems = [];
let lines = 0;
let requests = 0;
const bySource = new Map();
for (const f of files.filter((f) => f.endsWith(".log")).sort()) {
  const source = f.split(".")[0];
  const text = readFileSync(join(dir, f), "utf8");
  text.split("\n").forEach((line, i) => {
    if (line === "") return;
    lines++;
    const where = `${f}:${i + 1}`;
    for (const [re, what] of patterns) {
      if (re.test(line)) problems.push(`${where}: ${what}: ${line.slice(0, 200)}`);
    }
    for (const s of secrets) {
      if (line.includes(s)) problems.push(`${where}: a password the tests used: ${line.slice(0, 200)}`);
    }
    if (!line.startsWith("{")) return;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      problems.push(`${where}: not one JSON object: ${line.slice(0, 200)}`);
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!allowedKeys.has(key)) problems.push(`${where}: unexpected key "${key}"`);
    }
    if ("route" in entry) {
      requests++;
      bySource.set(source, (bySource.get(source) ?? 0) + 1);
      if (/[?#]/.test(entry.route)) problems.push(`${where}: a route with a query: ${entry.route}`);
      for (const key of ["time", "level", "request_id", "method", "status", "duration_ms"]) {
        if (!(key in entry)) problems.push(`${where}: a request line without "${key}"`);
      }
    }
  });
}

// A part of the suite (ctest -R ...) may start no server at all; the whole run
// (scripts/test.sh sets LOOKOUT_LOG_SCAN_MIN_REQUESTS) must have scanned real traffic.
const minimum = Number(process.env.LOOKOUT_LOG_SCAN_MIN_REQUESTS ?? "0");
if (requests < minimum) {
  problems.push(`only ${requests} request log lines in ${dir}, fewer than the ${minimum} ` +
                `a whole run makes: the scan would show nothing`);
}
const sources = [...bySource].map(([s, n]) => `${s} ${n}`).join(", ");
console.log(`log scan: ${lines} lines in ${files.filter((f) => f.endsWith(".log")).length} ` +
            `files, ${requests} request lines (${sources}), ${secrets.length} registered secrets`);
if (problems.length > 0) {
  console.error(`log scan: ${problems.length} problem(s):`);
  for (const p of problems.slice(0, 50)) console.error("  " + p);
  process.exit(1);
}
console.log("log scan: no secret in any line");

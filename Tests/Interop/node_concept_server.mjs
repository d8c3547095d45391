// A 6.104-style ExternalAssignmentSync concept server in plain Node.js (no packages), written the way
// an implementer would from the spec and the kit's README: Canvas only, in memory. InteropTests run
// the kit against it (it must pass: a false positive on a correct outside implementation is the
// worst bug the kit can have) and against two JavaScript mistakes it plants on request:
//   BUG=number-ids          reads Canvas ids through JSON.parse numbers (no string-ids Accept header)
//   BUG=string-timestamps   compares timestamps as strings
//   BUG=connect-race        checks the name before validating and never again before inserting
//   BUG=next-link-anywhere  follows Link: rel="next" (and redirects) to any origin, with the token
// PORT=0 picks a free port; the first line on stdout is the base URL.
import http from "node:http";
import { randomUUID } from "node:crypto";

const port = Number(process.env.PORT ?? 8000);
const REQUEST_TIMEOUT_MS = 4000;
const BUG = process.env.BUG ?? "";

/** sourceAccount -> {id, owner, sourceType, sourceName, details, lastSuccessfulPoll} */
const sources = new Map();
/** sourceAccount -> Map(externalId -> {internalAssignment, lastExternalModificationTimestamp}) */
const mappings = new Map();

class ActionError extends Error {
  constructor(name, message) { super(message); this.errorName = name; }
}

function sourceByName(owner, sourceName) {
  for (const s of sources.values()) if (s.owner === owner && s.sourceName === sourceName) return s;
  return undefined;
}

// --- Canvas -------------------------------------------------------------------------------------

function originOf(url) { return new URL(url).origin; }

/** GET on baseUrl's origin only; follows same-origin redirects; classifies failures. */
async function canvasGet(details, url, phase) {
  const origin = originOf(details.baseUrl);
  for (let hops = 0; hops < 5; hops++) {
    if (BUG !== "next-link-anywhere" && originOf(url) !== origin) {
      throw new ActionError(phase === "connect" ? "NetworkError" : "SourceConnectionError", "the platform pointed at another origin");
    }
    let response;
    try {
      response = await fetch(url, {
        redirect: "manual",
        headers: BUG === "number-ids" ? { Authorization: `Bearer ${details.apiToken}` } : { Authorization: `Bearer ${details.apiToken}`, Accept: "application/json+canvas-string-ids" },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new ActionError("NetworkError", `the platform could not be reached (${e.name})`);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
      url = new URL(response.headers.get("location"), url).toString();
      await response.body?.cancel();
      continue;
    }
    let text;
    try { text = await response.text(); } catch (e) {
      throw new ActionError("NetworkError", "the platform's answer was cut off");
    }
    const throttled = response.status === 429 || (response.status === 403 && /rate limit/i.test(text));
    if (throttled) throw new ActionError(phase === "connect" ? "NetworkError" : "ApiRateLimitError", "the platform is throttling requests");
    if (response.status === 401) {
      throw new ActionError(phase === "connect" ? "InvalidCredentialsError" : "SourceConnectionError", "the platform refused the token");
    }
    if (response.status >= 500) throw new ActionError("NetworkError", `the platform answered ${response.status}`);
    if (response.status !== 200) {
      throw new ActionError(phase === "connect" ? "InvalidCredentialsError" : "SourceConnectionError", `the platform answered ${response.status}`);
    }
    const type = response.headers.get("content-type") ?? "";
    if (!type.includes("json")) {
      throw new ActionError(phase === "connect" ? "InvalidCredentialsError" : "SourceConnectionError", "the base URL is not a Canvas API");
    }
    let body;
    try { body = JSON.parse(text); } catch {
      throw new ActionError("NetworkError", "the platform's answer was not JSON");
    }
    return { body, next: nextLink(response.headers.get("link")) };
  }
  throw new ActionError("NetworkError", "too many redirects");
}

function nextLink(header) {
  if (!header) return undefined;
  for (const part of header.split(",")) {
    const m = part.match(/<([^>]*)>\s*;\s*rel="?next"?/);
    if (m) return m[1];
  }
  return undefined;
}

async function getAll(details, path, phase) {
  const items = [];
  let url = new URL(path, details.baseUrl.replace(/\/?$/, "/")).toString();
  while (url) {
    const { body, next } = await canvasGet(details, url, phase);
    if (!Array.isArray(body)) throw new ActionError("NetworkError", "expected a list from the platform");
    items.push(...body);
    url = next;
  }
  return items;
}

async function validate(details) {
  const { body } = await canvasGet(details, new URL("api/v1/users/self", details.baseUrl.replace(/\/?$/, "/")).toString(), "connect");
  if (body === null || typeof body !== "object" || body.id === undefined) {
    throw new ActionError("InvalidCredentialsError", "the base URL is not a Canvas API");
  }
}

async function fetchAssignments(details) {
  const courses = await getAll(details, "api/v1/courses?enrollment_state=active&per_page=100", "poll");
  const byId = new Map();
  for (const course of courses) {
    const assignments = await getAll(details, `api/v1/courses/${course.id}/assignments?per_page=100`, "poll");
    for (const a of assignments) {
      const item = {
        externalId: String(a.id),
        details: { name: a.name, description: a.description ?? null, dueDate: a.due_at ?? null },
        externalModificationTimestamp: a.updated_at,
      };
      const seen = byId.get(item.externalId);
      if (!seen || Date.parse(seen.externalModificationTimestamp) < Date.parse(item.externalModificationTimestamp)) byId.set(item.externalId, item);
    }
  }
  return [...byId.values()];
}

// --- actions and queries -----------------------------------------------------------------------

function requireSource(sourceAccount) {
  const s = sources.get(sourceAccount);
  if (!s) throw new ActionError("SourceNotFound", `no source ${sourceAccount}`);
  return s;
}

const actions = {
  async connectSource({ owner, sourceType, sourceName, details }) {
    if (sourceByName(owner, sourceName)) throw new ActionError("DuplicateSourceError", `${owner} already has a source named ${sourceName}`);
    if (sourceType !== "Canvas") throw new ActionError("UnsupportedSourceType", `unknown source type ${sourceType}`);
    let base;
    try { base = new URL(details?.baseUrl); } catch { throw new ActionError("InvalidArgument", "baseUrl is not a URL"); }
    if (base.protocol !== "http:" && base.protocol !== "https:") throw new ActionError("InvalidArgument", "baseUrl is not http(s)");
    if (typeof details.apiToken !== "string" || details.apiToken === "") throw new ActionError("InvalidCredentialsError", "empty token");
    await validate(details);
    // Re-check after the await: another connect of the same name may have landed meanwhile.
    if (BUG !== "connect-race" && sourceByName(owner, sourceName)) throw new ActionError("DuplicateSourceError", `${owner} already has a source named ${sourceName}`);
    const id = randomUUID();
    sources.set(id, { id, owner, sourceType, sourceName, details: { apiToken: details.apiToken, baseUrl: details.baseUrl }, lastSuccessfulPoll: null });
    mappings.set(id, new Map());
    return { sourceAccount: id };
  },

  async disconnectSource({ sourceAccount }) {
    requireSource(sourceAccount);
    sources.delete(sourceAccount);
    mappings.delete(sourceAccount);
    return {};
  },

  async pollExternalSource({ sourceAccount }) {
    const source = requireSource(sourceAccount);
    const rawExternalAssignments = await fetchAssignments(source.details);
    // The source may have been disconnected while we fetched.
    const still = sources.get(sourceAccount);
    if (still !== source) throw new ActionError("SourceNotFound", `no source ${sourceAccount}`);
    source.lastSuccessfulPoll = new Date().toISOString();
    return { rawExternalAssignments };
  },

  async identifyChanges({ sourceAccount, rawExternalAssignments }) {
    requireSource(sourceAccount);
    const mapped = mappings.get(sourceAccount);
    const newest = new Map();
    for (const raw of rawExternalAssignments ?? []) {
      const seen = newest.get(raw.externalId);
      if (!seen || Date.parse(seen.externalModificationTimestamp) < Date.parse(raw.externalModificationTimestamp)) newest.set(raw.externalId, raw);
    }
    const assignmentsToProcess = [];
    for (const raw of newest.values()) {
      const m = mapped.get(raw.externalId);
      const newer = BUG === "string-timestamps" ? m && m.lastExternalModificationTimestamp < raw.externalModificationTimestamp
        : m && Date.parse(m.lastExternalModificationTimestamp) < Date.parse(raw.externalModificationTimestamp);
      if (!m || newer) {
        assignmentsToProcess.push({
          externalId: raw.externalId,
          details: { name: raw.details.name, description: raw.details.description ?? null, dueDate: raw.details.dueDate ?? null },
          externalModificationTimestamp: raw.externalModificationTimestamp,
          existingInternalId: m ? m.internalAssignment : null,
        });
      }
    }
    return { assignmentsToProcess };
  },

  async recordInternalSync({ sourceAccount, externalId, internalId, externalModificationTimestamp }) {
    requireSource(sourceAccount);
    mappings.get(sourceAccount).set(externalId, { internalAssignment: internalId, lastExternalModificationTimestamp: externalModificationTimestamp });
    return {};
  },
};

const queries = {
  _getSourcesForUser({ user }) {
    const list = [...sources.values()].filter((s) => s.owner === user).map((s) => ({
      sourceAccount: s.id, owner: s.owner, sourceType: s.sourceType, sourceName: s.sourceName,
      baseUrl: s.details.baseUrl, lastSuccessfulPoll: s.lastSuccessfulPoll,
    }));
    return [{ sources: list }];
  },
  _getMappedInternalId({ externalId, sourceAccount }) {
    const m = mappings.get(sourceAccount)?.get(externalId);
    if (!m) return { error: `External assignment with ID '${externalId}' not found for source '${sourceAccount}'` };
    return [{ internalId: m.internalAssignment }];
  },
  _getAssignmentsForSource({ sourceAccount }) {
    const mapped = mappings.get(sourceAccount);
    if (!mapped) return { error: "Source account not found" };
    return [{ assignments: [...mapped.entries()].map(([externalId, m]) => ({
      externalId, internalAssignment: m.internalAssignment, lastExternalModificationTimestamp: m.lastExternalModificationTimestamp,
    })) }];
  },
};

// --- HTTP ----------------------------------------------------------------------------------------

const server = http.createServer((req, res) => {
  let chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const send = (status, value) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    const m = req.url.match(/^\/api\/ExternalAssignmentSync\/([A-Za-z_]+)$/);
    if (req.method !== "POST" || !m) return send(404, { error: "not found" });
    let args;
    try { args = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"); } catch { return send(400, { error: "malformed JSON" }); }
    const name = m[1];
    try {
      if (actions[name]) return send(200, await actions[name](args));
      if (queries[name]) return send(200, queries[name](args));
      return send(404, { error: `no such call ${name}` });
    } catch (e) {
      if (e instanceof ActionError) return send(200, { error: `${e.errorName}: ${e.message}` });
      console.error(e);
      return send(500, { error: "internal error" });
    }
  });
});
server.listen(port, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}/api`));

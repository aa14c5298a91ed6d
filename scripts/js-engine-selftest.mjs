#!/usr/bin/env node
// Self-test of the pure engine in Sources/ScopeGuideRendering/Rendering/Resources/guide-engine.js.
//
//   node scripts/js-engine-selftest.mjs            hand-made and random checks (brute force)
//   node scripts/js-engine-selftest.mjs --browser  also load scripts/fixtures/sample-page.html
//                                                  in headless Chromium and check the DOM
//   node scripts/js-engine-selftest.mjs --vectors [folder or file]
//                                                  replay the committed engine vectors
//                                                  (Tests/ScopeGuideTests/Fixtures/engine-vectors)
//   node scripts/js-engine-selftest.mjs --resolve data.json [id,id]
//                                                  print the engine's answer as JSON (for a
//                                                  Swift parity test)
//
// The script is evaluated in a fresh `vm` context holding only ECMAScript built-ins plus
// TextEncoder/TextDecoder, as in a browser, so any accidental dependency on Node shows up here.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vm from "node:vm";

const here = path.dirname(fileURLToPath(import.meta.url));
const scriptPath = path.join(here, "../Sources/ScopeGuideRendering/Rendering/Resources/guide-engine.js");
const samplePage = path.join(here, "fixtures/sample-page.html");

function loadEngine() {
  const source = readFileSync(scriptPath, "utf8");
  const sandbox = { module: { exports: {} }, TextEncoder, TextDecoder };
  vm.runInNewContext(source, sandbox, { filename: scriptPath });
  return sandbox.module.exports;
}

const E = loadEngine();

// ------------------------------------------------------------------------------------------------
// --resolve mode

if (process.argv[2] === "--resolve") {
  const data = JSON.parse(readFileSync(process.argv[3], "utf8"));
  const ids = (process.argv[4] ?? "").split(",").filter(Boolean);
  const model = E.prepare(data);
  const resolution = E.resolve(model, ids);
  const out = {
    selection: resolution.selection,
    scopes: resolution.scopeNames,
    granted: resolution.grantedNames,
    optimal: resolution.optimal,
    usesDefaultScopes: resolution.usesDefaultScopes,
    scopesText: E.scopesText(model, resolution, model.separator),
    url: E.buildURL(model, { selection: resolution.selection, separator: model.separator, whitelabel: model.whitelabel, variables: model.variables }),
  };
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  process.exit(0);
}

// ------------------------------------------------------------------------------------------------
// --vectors mode: replay the committed engine vectors (Tests/ScopeGuideTests/Fixtures/engine-vectors)

/** The replay functions of scripts/engine-vectors.js, run in their own context as in a page. */
function loadReplays() {
  const replayPath = path.join(here, "engine-vectors.js");
  const sandbox = { module: { exports: {} } };
  vm.runInNewContext(readFileSync(replayPath, "utf8"), sandbox, { filename: replayPath });
  return sandbox.module.exports;
}

if (process.argv[2] === "--vectors") {
  const target = process.argv[3] ?? path.join(here, "../Tests/ScopeGuideTests/Fixtures/engine-vectors");
  const names = statSync(target).isDirectory() ? readdirSync(target).filter((n) => n.endsWith(".json")) : [path.basename(target)];
  const folder = statSync(target).isDirectory() ? target : path.dirname(target);
  const files = Object.fromEntries(names.map((name) => [name, readFileSync(path.join(folder, name), "utf8")]));
  const started = Date.now();
  const result = loadReplays().replayFixture(E, files);
  for (const f of result.failures) console.error("FAIL: " + f);
  for (const [name, counts] of Object.entries(result.files)) console.log(`${name}: ${counts.cases} cases, ${counts.passed} passed, ${counts.failed} failed`);
  if (result.uncovered.length > 0) console.error("UNCOVERED: engine functions no vector file exercises: " + result.uncovered.join(", "));
  console.log(`vectors: ${result.cases} cases in ${Object.keys(files).length} files in ${Date.now() - started} ms`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  process.exit(result.failed === 0 && result.cases > 0 && result.uncovered.length === 0 ? 0 : 1);
}

// ------------------------------------------------------------------------------------------------
// Tiny harness

let passed = 0;
let failed = 0;
const failures = [];

function check(condition, what) {
  if (condition) passed += 1;
  else {
    failed += 1;
    if (failures.length < 25) failures.push(what);
  }
}

// Compares via JSON so values from the vm realm compare structurally.
function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  check(a === b, `${what}\n    expected ${b}\n    actual   ${a}`);
}

// ------------------------------------------------------------------------------------------------
// Catalogue helper: names in, page data out. Closures start as in ScopeGraph.swift (transitive
// includes, then the wildcard matches of every member of that closure) and are then closed under
// "a granted defined scope grants its own closure". The search (a port of MinimalScopeSearch.swift)
// drops redundant members and dominated candidates, which is only exact on closures closed this
// way; see the note in the report on a wildcard matching a defined scope that has `includes`.

function catalogue({ connector = "demo", defined, extras = [], includes = {}, wildcards = {}, actions, defaultScopes = null, separator = "space", whitelabel = false, variables = {}, declaredVariables = null, selection = [] }) {
  const scopes = [...defined, ...extras];
  const index = (name) => {
    const i = scopes.indexOf(name);
    if (i < 0) throw new Error(`unknown scope ${name}`);
    return i;
  };
  const closures = defined.map((name, start) => {
    const seen = new Set();
    const stack = [start];
    while (stack.length) {
      const s = stack.pop();
      if (seen.has(s)) continue;
      seen.add(s);
      if (s < defined.length) for (const inc of includes[scopes[s]] ?? []) stack.push(index(inc));
    }
    const closure = new Set(seen);
    for (const member of seen) for (const match of wildcards[scopes[member]] ?? []) closure.add(index(match));
    return closure;
  });
  for (let changed = true; changed; ) {
    changed = false;
    closures.forEach((closure) => {
      for (const member of [...closure]) {
        if (member >= defined.length) continue;
        for (const more of closures[member]) if (!closure.has(more)) { closure.add(more); changed = true; }
      }
    });
  }
  const closureLists = closures.map((closure) => [...closure].sort((a, b) => a - b));
  return {
    connector,
    base: "https://docs.example.com",
    path: `/connectors/${connector}/guides/link-account/api-token`,
    scopes,
    definedCount: defined.length,
    closures: closureLists,
    actions: actions.map(([id, label, alternatives]) => ({ id, label, alternatives: alternatives.map((alt) => alt.map(index)) })),
    defaultScopes: defaultScopes && defaultScopes.map(index),
    separator,
    whitelabel,
    variables,
    // As PageData writes it: only when the connector declares variables.
    ...(declaredVariables ? { declaredVariables } : {}),
    selection,
  };
}

// ------------------------------------------------------------------------------------------------
// Brute force of the SPEC §2 objective (closure size, count, authority, definition order) over
// every subset of defined scopes.

function bruteForce(data, ids) {
  const selected = data.actions.filter((a) => ids.includes(a.id));
  const n = data.definedCount;
  let best = null;
  for (let mask = 0; mask < 1 << n; mask++) {
    const members = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) members.push(i);
    const granted = new Set(members.flatMap((m) => [m, ...data.closures[m]]));
    const enables = (a) => a.alternatives.some((alt) => alt.every((t) => granted.has(t)));
    const ok = selected.every((a) => a.alternatives.length === 0 || enables(a));
    if (!ok) continue;
    // Authority: the catalogue's actions needing a scope that the grant enables.
    const authority = data.actions.filter((a) => a.alternatives.length > 0 && a.alternatives.every((alt) => alt.length > 0) && enables(a)).length;
    const key = [granted.size, members.length, authority, members];
    if (best === null || better(key, best)) best = key;
  }
  return best && best[3];
}

function better(x, y) {
  if (x[0] !== y[0]) return x[0] < y[0];
  if (x[1] !== y[1]) return x[1] < y[1];
  if (x[2] !== y[2]) return x[2] < y[2];
  for (let i = 0; i < x[3].length; i++) if (x[3][i] !== y[3][i]) return x[3][i] < y[3][i];
  return false;
}

function emptySelectionScopes(data) {
  if (data.defaultScopes) return [...new Set(data.defaultScopes)].sort((a, b) => a - b);
  const out = new Set();
  for (const action of data.actions) {
    for (const scope of action.alternatives.flat()) {
      if (scope < data.definedCount) out.add(scope);
      else {
        const d = data.closures.findIndex((c) => c.includes(scope));
        if (d >= 0) out.add(d);
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

// ------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32)

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    bool: (p = 0.5) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    shuffle: (list) => {
      const out = list.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

// ------------------------------------------------------------------------------------------------
// 1. Hand-made catalogues

const front = catalogue({
  connector: "front",
  defined: ["conversations:read", "conversations:write", "messages:read", "messages:send", "events:*:read", "teammates:read"],
  extras: ["events:inbox:read", "events:team:read"],
  wildcards: { "events:*:read": ["events:inbox:read", "events:team:read"] },
  actions: [
    ["front_list_conversations", "List Conversations", [["conversations:read"]]],
    ["front_update_conversation", "Update Conversation", [["conversations:write"]]],
    ["front_send_message", "Send Message", [["messages:send"]]],
    ["front_list_inbox_events", "List Inbox Events", [["events:inbox:read"]]],
    ["front_list_team_events", "List Team Events", [["events:team:read"]]],
    ["front_list_followers", "List Conversation Followers", [["teammates:read"]]],
  ],
});
{
  const model = E.prepare(front);
  const r = E.resolve(model, ["front_send_message", "front_list_conversations"]);
  same(r.scopeNames, ["conversations:read", "messages:send"], "front: two independent scopes in definition order");
  same(r.selection, ["front_list_conversations", "front_send_message"], "front: selection in catalogue order");
  same(E.scopesText(model, r, "comma"), "conversations:read,messages:send", "front: comma separator");
  same(E.scopesText(model, r, "newline"), "conversations:read\nmessages:send", "front: newline separator");
  same(E.scopesText(model, r, "pipe"), "conversations:read|messages:send", "front: pipe separator");
  same(E.scopesText(model, r, "semicolon"), "conversations:read;messages:send", "front: semicolon separator");
  const w = E.resolve(model, ["front_list_team_events", "front_list_inbox_events"]);
  same(w.scopeNames, ["events:*:read"], "front: wildcard covers two undefined event scopes");
  same(w.grantedNames, ["events:*:read", "events:inbox:read", "events:team:read"], "front: wildcard grants");
  const empty = E.resolve(model, []);
  same(empty.scopeNames, ["conversations:read", "conversations:write", "messages:send", "events:*:read", "teammates:read"], "front: empty selection = every required scope, extras mapped to the wildcard");
  check(empty.isFullGuide && !empty.usesDefaultScopes, "front: empty selection is the full guide");
  same(E.resolve(model, ["nope", "front_send_message", "front_send_message"]).scopeNames, ["messages:send"], "front: unknown and duplicate ids ignored by resolve");
}

const outlook = catalogue({
  connector: "outlook",
  defined: ["Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite", "Mail.Send", "Calendars.Read", "Calendars.ReadWrite", "User.Read"],
  includes: { "Mail.ReadWrite": ["Mail.Read"], "Mail.Read": ["Mail.ReadBasic"], "Calendars.ReadWrite": ["Calendars.Read"] },
  actions: [
    ["outlook_list_headers", "List Message Headers", [["Mail.ReadBasic"], ["Mail.Read"]]],
    ["outlook_read_mail", "Read Mail", [["Mail.Read"]]],
    ["outlook_move_mail", "Move Mail", [["Mail.ReadWrite"]]],
    ["outlook_send_mail", "Send Mail", [["Mail.Send"]]],
    ["outlook_send_as_reply", "Reply to Mail", [["Mail.Send", "Mail.Read"], ["Mail.ReadWrite"]]],
    ["outlook_list_events", "List Events", [["Calendars.Read"]]],
    ["outlook_create_event", "Create Event", [["Calendars.ReadWrite"]]],
    ["outlook_me", "Get Me", [["User.Read"]]],
  ],
  defaultScopes: ["User.Read", "Mail.Read"],
});
{
  const model = E.prepare(outlook);
  same(E.resolve(model, ["outlook_list_headers"]).scopeNames, ["Mail.ReadBasic"], "outlook: anyOf takes the least-privileged alternative");
  same(E.resolve(model, ["outlook_list_headers", "outlook_read_mail"]).scopeNames, ["Mail.Read"], "outlook: Mail.Read covers both (includes)");
  same(E.resolve(model, ["outlook_move_mail", "outlook_read_mail", "outlook_list_headers"]).scopeNames, ["Mail.ReadWrite"], "outlook: no member granted by another");
  same(E.resolve(model, ["outlook_send_as_reply"]).scopeNames, ["Mail.ReadWrite"], "outlook: {ReadWrite} grants 3 < {Send, Read} grants 3? tie broken by count");
  same(E.resolve(model, ["outlook_send_as_reply", "outlook_send_mail"]).scopeNames, ["Mail.Read", "Mail.Send"], "outlook: Send already needed, so Send+Read (3) beats Send+ReadWrite (4)");
  const r = E.resolve(model, ["outlook_create_event", "outlook_list_events"]);
  same(r.scopeNames, ["Calendars.ReadWrite"], "outlook: write includes read");
  same(r.chosenAlternatives, { outlook_list_events: [4], outlook_create_event: [5] }, "outlook: chosen alternatives");
  same(r.explanation, [{ scope: "Calendars.ReadWrite", actions: ["outlook_list_events", "outlook_create_event"] }], "outlook: explanation");
  const d = E.resolve(model, []);
  same(d.scopeNames, ["Mail.Read", "User.Read"], "outlook: empty selection uses defaultScopes, in definition order");
  check(d.usesDefaultScopes, "outlook: usesDefaultScopes");
  same(d.chosenAlternatives.outlook_list_headers, [0], "outlook: full guide, first granted alternative");
  same(d.chosenAlternatives.outlook_move_mail, [2], "outlook: full guide, nothing granted -> first alternative");
  same(d.chosenAlternatives.outlook_send_as_reply, [3, 1], "outlook: full guide, no alternative granted -> first alternative");

  // Visibility, display scopes, badges.
  const sections = [
    { scopes: [], steps: [
      { scopes: [] },
      { scopes: ["Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite", "Mail.Send"] },
      { scopes: ["Calendars.Read", "Calendars.ReadWrite"] },
      { scopes: ["User.Read"], displayScopes: ["User.Read", "Mail.Read"] },
    ] },
    { scopes: ["Calendars.Read"], steps: [] },
    { scopes: ["Mail.Send"], steps: [{ scopes: ["Calendars.ReadWrite"] }] },
  ];
  const sel = E.resolve(model, ["outlook_create_event"]);
  same(E.tailor(model, sel, sections), [
    { visible: true, steps: [
      { visible: true, number: 1, displayScopes: [], badge: [] },
      { visible: false, number: null, displayScopes: [], badge: [] },
      { visible: true, number: 2, displayScopes: ["Calendars.ReadWrite"], badge: ["Create Event"] },
      { visible: false, number: null, displayScopes: [], badge: [] },
    ] },
    { visible: true, steps: [] },
    { visible: false, steps: [{ visible: true, number: 1, displayScopes: ["Calendars.ReadWrite"], badge: ["Create Event"] }] },
  ], "outlook: tailoring for Create Event (granted Calendars.Read shows a section; a section needs its own scopes)");
  const full = E.tailor(model, d, sections);
  same(full[0].steps[1].badge, ["List Message Headers", "Move Mail", "Read Mail", "Reply to Mail", "Send Mail"], "outlook: full-guide badge lists every action the step's scopes enable");
  same(full[0].steps[3].displayScopes, ["User.Read", "Mail.Read"], "outlook: full guide shows every display scope");
  same(full[0].steps[3].badge, ["Get Me", "List Message Headers", "Read Mail", "Reply to Mail"], "outlook: badge through a display scope's includes");
  const hidden = E.tailor(model, E.resolve(model, ["outlook_me"]), sections);
  same(hidden.map((s) => s.visible), [true, false, false], "outlook: Get Me hides the calendar and mail sections");
  same(hidden[0].steps[3].displayScopes, ["User.Read"], "outlook: display scopes filtered to M");
}

// Badge code-point order and duplicates.
{
  const labels = ["Zeta", "alpha", "Émile", "\uFF21 fullwidth", "\u{1F600} emoji", "Zeta", "Alpha"];
  const data = catalogue({
    defined: ["x"],
    actions: labels.map((label, i) => [`a${i}`, label, [["x"]]]),
  });
  const model = E.prepare(data);
  const r = E.resolve(model, data.actions.map((a) => a.id));
  same(E.badge(model, r, ["x"]), ["Alpha", "Zeta", "Zeta", "alpha", "Émile", "\uFF21 fullwidth", "\u{1F600} emoji"], "badge: code-point order (U+FF21 before U+1F600), duplicates kept");
  check(E.compareCodePoints("\uFF21", "\u{1F600}") < 0 && "\uFF21" > "\u{1F600}", "compareCodePoints differs from UTF-16 order");
  same(E.badge(model, r, []), [], "badge: nothing displayed, no labels");
  same(E.badge(model, r, ["unknown"]), [], "badge: unknown display scope enables nothing");
}

// Empty and needless requirements.
{
  const data = catalogue({
    defined: ["a", "b"],
    actions: [["free", "Free", [[]]], ["none", "None", []], ["a", "A", [["a"]]]],
  });
  const model = E.prepare(data);
  same(E.resolve(model, ["free", "none"]).scopeNames, [], "actions needing nothing resolve to no scopes");
  same(E.resolve(model, ["free", "a"]).scopeNames, ["a"], "a needless action does not add scopes");
}

// ------------------------------------------------------------------------------------------------
// 2. Random catalogues against the brute force

function randomCatalogue(rng, index) {
  const definedCount = rng.int(3, 9);
  const families = [
    { wildcard: "ev:*:read", concrete: ["ev:inbox:read", "ev:team:read", "ev:spam:read"] },
    { wildcard: "ev:*:write", concrete: ["ev:inbox:write", "ev:team:write"] },
    { wildcard: "doc.*", concrete: ["doc.a", "doc.b"] },
  ];
  const plain = ["a:read", "a:write", "b:read", "b:write", "c:read", "c:admin", "d", "e", "f"];
  const names = [];
  const wildcards = {};
  const extras = [];
  const usedFamilies = families.filter(() => rng.bool(0.4));
  const definedFamilies = [];
  for (const family of usedFamilies) {
    if (names.length >= definedCount) break;
    names.push(family.wildcard);
    definedFamilies.push(family);
    const matches = family.concrete.slice();
    wildcards[family.wildcard] = matches;
    // perhaps define one concrete scope the wildcard matches (with its own includes)
    if (rng.bool(0.3) && names.length < definedCount) names.push(family.concrete[0]);
  }
  for (const p of rng.shuffle(plain)) if (names.length < definedCount) names.push(p);
  for (const family of definedFamilies) for (const c of family.concrete) if (!names.includes(c)) extras.push(c);
  // Acyclic includes: a scope may include scopes later in a random level order.
  const levelOrder = rng.shuffle(names);
  const includes = {};
  levelOrder.forEach((name, i) => {
    const later = levelOrder.slice(i + 1);
    const picks = later.filter(() => rng.bool(0.2));
    if (picks.length) includes[name] = picks.slice(0, 2);
  });
  const defined = rng.shuffle(names); // definition order independent of the includes order
  const all = [...defined, ...extras];
  const actionCount = rng.int(1, 6);
  const actions = [];
  for (let i = 0; i < actionCount; i++) {
    const alternatives = [];
    const altCount = rng.int(1, 3);
    for (let k = 0; k < altCount; k++) {
      const size = rng.int(1, 2);
      const alt = [];
      for (let s = 0; s < size; s++) alt.push(rng.pick(all));
      alternatives.push(alt);
    }
    actions.push([`act_${i}`, `Action ${String.fromCharCode(90 - i)}${rng.bool() ? "é" : ""}`, alternatives]);
  }
  const defaultScopes = rng.bool(0.2) ? defined.filter(() => rng.bool(0.4)) : null;
  return catalogue({ connector: `rnd${index}`, defined, extras, includes, wildcards, actions, defaultScopes });
}

{
  const rng = prng(0x5c09e601);
  let comparisons = 0;
  for (let c = 0; c < 500; c++) {
    const data = randomCatalogue(rng, c);
    const model = E.prepare(data);
    const ids = data.actions.map((a) => a.id);
    const selections = [[]];
    for (let s = 0; s < 4; s++) {
      let chosen = ids.filter(() => rng.bool());
      if (chosen.length === 0) chosen = [rng.pick(ids)];
      selections.push(rng.shuffle(chosen));
    }
    for (const selection of selections) {
      const r = E.resolve(model, selection);
      const expected = selection.length === 0 ? emptySelectionScopes(data) : bruteForce(data, selection);
      comparisons += 1;
      same(r.scopes, expected, `random catalogue ${c}, selection [${selection}]: ${JSON.stringify(data)}`);
      check(r.optimal, `random catalogue ${c}: optimal`);
      const granted = new Set(r.scopes.flatMap((m) => data.closures[m]));
      same(r.granted, [...granted].sort((a, b) => a - b), `random catalogue ${c}: granted is the union of closures`);
      for (const action of data.actions) {
        const considered = selection.length === 0 || selection.includes(action.id);
        if (!considered) {
          check(!(action.id in r.chosenAlternatives), `random catalogue ${c}: unselected action has no chosen alternative`);
          continue;
        }
        const first = action.alternatives.find((alt) => alt.every((t) => granted.has(t)));
        const expectedAlt = first ?? (selection.length === 0 ? action.alternatives[0] : undefined);
        same(r.chosenAlternatives[action.id], expectedAlt, `random catalogue ${c}: chosen alternative of ${action.id}`);
      }
    }
  }
  check(comparisons === 2500, "random: 2500 comparisons ran");
}

// A larger random instance: the search stays exact and fast, and a tiny budget degrades gracefully.
{
  const rng = prng(42);
  const defined = Array.from({ length: 40 }, (_, i) => `s${i}:read`);
  const includes = {};
  defined.forEach((name, i) => {
    if (i >= 10) includes[name] = [defined[rng.int(0, i - 1)], defined[rng.int(0, i - 1)]];
  });
  const actions = Array.from({ length: 60 }, (_, i) => [
    `big_${i}`,
    `Big ${i}`,
    Array.from({ length: rng.int(1, 3) }, () => Array.from({ length: rng.int(1, 2) }, () => rng.pick(defined))),
  ]);
  const data = catalogue({ connector: "big", defined, includes, actions });
  const model = E.prepare(data);
  const started = Date.now();
  const r = E.resolve(model, data.actions.map((a) => a.id));
  const elapsed = Date.now() - started;
  check(r.optimal, `big: all 60 actions solved exactly (nodes ${r.nodes})`);
  check(elapsed < 5000, `big: solved in ${elapsed} ms`);
  const limited = E.resolve(model, data.actions.map((a) => a.id), { nodeBudget: 1 });
  check(!limited.optimal, "big: a budget of one node reports optimal=false");
  const granted = new Set(limited.granted);
  check(
    data.actions.every((a) => a.alternatives.some((alt) => alt.every((t) => granted.has(t)))),
    "big: the budget-limited answer still satisfies every action"
  );
  check(
    limited.scopes.every((m) => !limited.scopes.some((o) => o !== m && data.closures[o].includes(m))),
    "big: the budget-limited answer has no member granted by another"
  );
  check(limited.granted.length >= r.granted.length, "big: exact answer grants no more than the budget-limited one");
}

// Twenty independent actions, each with two equally cheap alternatives: only the split into
// components keeps the tie-break (earliest scopes) from exploring 2^20 combinations.
{
  const defined = [];
  const actions = [];
  for (let i = 0; i < 20; i++) {
    defined.push(`p${i}:read`, `q${i}:read`);
    actions.push([`tie_${i}`, `Tie ${i}`, [[`q${i}:read`], [`p${i}:read`]]]);
  }
  const data = catalogue({ connector: "ties", defined, actions });
  const model = E.prepare(data);
  const r = E.resolve(model, data.actions.map((a) => a.id));
  check(r.optimal, `ties: exact (nodes ${r.nodes})`);
  same(r.scopeNames, defined.filter((name) => name.startsWith("p")), "ties: the earliest scope of each pair");
}

// ------------------------------------------------------------------------------------------------
// 3. URLs

{
  const data = catalogue({
    connector: "front",
    defined: ["x"],
    actions: [
      ["front_list_conversations", "List", [["x"]]],
      ["front_send_message", "Send", [["x"]]],
      ["a.b:c@d-e", "Odd", [["x"]]],
      ["ümlaut", "Umlaut", [["x"]]],
    ],
    // The URL tests use these two; any other `var.<name>` is refused, as by the engine.
    declaredVariables: [
      { name: "subdomain", pattern: ".*" },
      { name: "region", pattern: "[a-z]{2}-[0-9]" },
    ],
  });
  data.base = "https://docs.stackone.com";
  data.path = "/connectors/front/guides/link-account/api-token";
  const model = E.prepare(data);
  const base = data.base + data.path;
  same(E.buildURL(model, { selection: [] }), base, "url: empty selection, no query");
  same(
    E.buildURL(model, { selection: ["front_send_message", "front_list_conversations", "front_send_message"] }),
    base + "?actions=front_list_conversations,front_send_message",
    "url: catalogue order, deduplicated"
  );
  same(
    E.buildURL(model, { selection: ["ümlaut", "a.b:c@d-e"], separator: "comma", whitelabel: true, variables: { subdomain: "acme corp", app: "a&b=c" } }),
    base + "?actions=a.b:c@d-e,%C3%BCmlaut&separator=comma&whitelabel=1&var.app=a%26b%3Dc&var.subdomain=acme%20corp",
    "url: every parameter, minimal encoding, variables sorted"
  );
  same(E.buildQuery(model, { selection: [], separator: "space", whitelabel: false }), "", "url: defaults leave no query");
  same(E.encodeQueryValue("a b/c?d:e@f!$'()*,;~ü#%&=+[]"), "a%20b/c?d:e@f!$'()*,;~%C3%BC%23%25%26%3D%2B%5B%5D", "url: encodeQueryValue keeps exactly the allowed set");
  same(E.formEncode("read write Mail.Read ü/*-._~"), "read+write+Mail.Read+%C3%BC%2F*-._%7E", "url: form encoding");
  same(E.decodeComponent("a+b%20c%2C%C3%BC"), "a b c,ü", "decode: plus, escapes, UTF-8");
  same(E.decodeComponent("a+b", false), "a+b", "decode: plus kept when not form style");
  same(E.decodeComponent("%zz"), null, "decode: bad hex");
  same(E.decodeComponent("abc%2"), null, "decode: truncated escape");
  same(E.decodeComponent("%"), null, "decode: lone percent");
  same(E.decodeComponent("%C3"), null, "decode: invalid UTF-8");
  same(E.decodeComponent("%EF%BB%BFx"), "\uFEFFx", "decode: a leading BOM is kept");

  // Parsing
  const messy = E.parseQuery(model, "?actions=front_send_message%2C+front_list_conversations&&actions=%20front_send_message ,&separator=comma");
  same(messy.selection, ["front_list_conversations", "front_send_message"], "parse: %2C, spaces, repeats, any order");
  same(messy.errors, [], "parse: messy but valid query has no errors");
  same(messy.separator, "comma", "parse: separator");
  same(E.buildQuery(model, messy), "actions=front_list_conversations,front_send_message&separator=comma", "parse: canonical form of a messy query");
  const bad = E.parseQuery(model, "actions=front_send_mesage,front_list_conversations,zzz&separator=tab&whitelabel=maybe&foo=1&var.subdomain=acme&x=%E0%A4");
  same(bad.selection, ["front_list_conversations"], "parse: valid ids kept next to unknown ones");
  same(bad.unknownActions, ["front_send_mesage", "zzz"], "parse: unknown ids listed");
  same(bad.errors.map((e) => e.kind), ["unknownParameter", "malformedEncoding", "unknownAction", "unknownAction", "invalidSeparator", "invalidWhitelabel"], "parse: every problem reported");
  same(bad.errors.map((e) => e.message), [
    'unknown parameter "foo" (expected actions, stages, granted, without, separator, whitelabel or var.<name>)',
    'malformed percent-encoding in "x=%E0%A4"',
    'unknown action "front_send_mesage" for connector "front"; did you mean "front_send_message"?',
    'unknown action "zzz" for connector "front"',
    'invalid separator "tab" (expected space, comma, semicolon, pipe, newline)',
    'invalid whitelabel value "maybe" (expected 1, 0, true or false)',
  ], "parse: messages name the offending value");
  same(bad.variables, { subdomain: "acme" }, "parse: var.<name> kept");
  {
    // Variables the engine refuses are reported with its messages and left out of the URL.
    const refused = E.parseQuery(model, "var.region=EU-1&var.x=1&var.subdomain=acme");
    same(refused.errors.map((e) => e.message), [
      'invalid value "EU-1" for variable "region" (must match [a-z]{2}-[0-9])',
      'connector "front" has no variable "x" (declared: subdomain, region)',
    ], "parse: refused variables reported in the engine's order, with its messages");
    same(E.buildQuery(model, { ...refused, separator: "space", whitelabel: false }), "var.subdomain=acme", "url: refused variables left out");
    const noPattern = E.prepare({ ...data, declaredVariables: [{ name: "app", pattern: "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{1,200}" }] });
    same(E.parseQuery(noPattern, "var.app=a%0Ab").errors.map((e) => e.message), [
      'invalid value "a\nb" for variable "app" (must be one line of 1 to 200 characters, without control characters)',
    ], "parse: the default pattern's message");
    same(E.parseQuery(noPattern, "var.app=" + "%C3%A9".repeat(200)).errors, [], "parse: 200 characters (400 bytes) are one line of at most 200");
    same(E.parseQuery(E.prepare({ ...data, declaredVariables: undefined }), "var.app=1").errors.map((e) => e.message), [
      'connector "front" has no variable "app" (it declares none)',
    ], "parse: a connector without variables");
    same(E.abbreviated("é".repeat(101)), "é".repeat(100) + "\u2026 (202 bytes)", "abbreviated: past 200 bytes, the first 100 characters and the size");
    same(E.abbreviated("e\u0301".repeat(150)), "e\u0301".repeat(100) + "\u2026 (450 bytes)", "abbreviated: Characters (grapheme clusters), as Swift's prefix(100)");
    same(E.abbreviated("a".repeat(200)), "a".repeat(200), "abbreviated: 200 bytes are quoted whole");
  }
  {
    // granted= and without=: any separator, definition order, unknown names reported, refusal wins.
    const scoped = E.prepare(catalogue({ connector: "front", defined: ["tags:read", "messages:send", "ü:x"], actions: [["a", "A", [["tags:read"]]]] }));
    const model = scoped;
    const [first, second, third] = scoped.scopes;
    const parsed = E.parseQuery(model, `granted=${encodeURIComponent(third + " ; " + first)}&without=${second}|${second}`);
    same([parsed.constraints.granted, parsed.constraints.refused], [[first, third], [second]], "parse: granted= and without= in definition order, any separator");
    same(parsed.errors, [], "parse: granted= and without= are no unknown parameters");
    same(E.buildQuery(model, { selection: [], granted: [third, first, "nope"], refused: [second] }), `granted=${E.encodeQueryValue(first)},${E.encodeQueryValue(third)}&without=${E.encodeQueryValue(second)}`, "url: granted= and without= as GuideURL writes them");
    const wrong = E.parseQuery(model, `granted=${first},nope&without=${first}`);
    same(wrong.errors.map((e) => e.kind), ["unknownScopes", "grantedAndRefused"], "parse: unknown and contradictory scopes reported");
    same([wrong.constraints.granted, wrong.constraints.refused], [[], [first]], "parse: a scope both granted and refused is refused");
    same(E.scopeNames("a b,c;d|e\nf\u00a0g,,"), ["a", "b", "c", "d", "e", "f", "g"], "scopeNames: the five separators and Unicode white space");
  }
  same(E.suggestions("front_send_message" + "x".repeat(238), ["front_send_message"]), ["front_send_message"], "suggestions: a name of 256 code points still gets some");
  same(E.suggestions("front_send_message" + "x".repeat(239), ["front_send_message"]), [], "suggestions: none past 256 code points (NameSuggestions.maximumNameLength)");
  same(E.suggestions("", ["ab", "c"]), [], "suggestions: none for an empty name");
  same(E.parseQuery(model, "whitelabel=").whitelabel, true, "parse: whitelabel= means on");
  same(E.parseQuery(model, "whitelabel=+TRUE+").whitelabel, true, "parse: whitelabel trimmed, case-insensitive");
  same(E.parseQuery(model, "whitelabel=0").whitelabel, false, "parse: whitelabel=0");
  same(E.parseQuery(model, "separator=%20newline").separator, "newline", "parse: separator trimmed");
  same(E.parseQuery(model, "separator=comma&separator=pipe").errors.map((e) => e.kind), ["conflictingParameter"], "parse: conflicting separators");
  same(E.parseQuery(model, "separator=comma&separator=comma").errors, [], "parse: repeated equal separator is fine");
  check(!E.parseQuery(model, "separator=comma").hasActions && E.parseQuery(model, "actions=").hasActions, "parse: hasActions");
  same(E.parseQuery(model, "actions=%C3%BCmlaut").selection, ["ümlaut"], "parse: percent-encoded UTF-8 id");
  same(E.parseQuery(model, "actions=\u00a0front_send_message\u3000").selection, ["front_send_message"], "parse: Unicode whitespace trimmed like Swift");
  same(E.parseQuery(model, "actions=\uFEFFfront_send_message").unknownActions, ["\uFEFFfront_send_message"], "parse: BOM is not whitespace (Swift)");

  // Round trips on random states.
  const rng = prng(7);
  const ids = data.actions.map((a) => a.id);
  for (let i = 0; i < 300; i++) {
    const state = {
      selection: ids.filter(() => rng.bool()),
      separator: rng.pick(["space", "comma", "semicolon", "pipe", "newline"]),
      whitelabel: rng.bool(),
      variables: rng.bool() ? { subdomain: rng.pick(["acme", "a b", "ü&=?", ""]), region: "eu-1" } : {},
    };
    const query = E.buildQuery(model, state);
    const parsed = E.parseQuery(model, query);
    same(parsed.errors, [], `round trip ${i}: no errors for ${query}`);
    same(E.buildQuery(model, { ...parsed, separator: parsed.separator ?? "space", whitelabel: parsed.whitelabel ?? false }), query, `round trip ${i}: build(parse(q)) == q`);
    // A scrambled spelling of the same selection canonicalises to the same query.
    const scrambled = rng.shuffle(state.selection).map((id) => (rng.bool() ? ` ${encodeURIComponent(id)} ` : id));
    const parts = scrambled.length ? [`actions=${scrambled.slice(0, 1).join(",")}`, `actions=${scrambled.slice(1).join("%2C")}`] : [];
    if (state.separator !== "space") parts.push(`separator=${state.separator}`);
    if (state.whitelabel) parts.push("whitelabel=true");
    for (const [name, value] of Object.entries(state.variables)) parts.push(`var.${name}=${encodeURIComponent(value)}`);
    const reparsed = E.parseQuery(model, rng.shuffle(parts).join("&"));
    same(E.buildQuery(model, { ...reparsed, separator: reparsed.separator ?? "space", whitelabel: reparsed.whitelabel ?? false }), query, `round trip ${i}: scrambled spelling canonicalises`);
  }

  same(
    E.authorizeURL("https://login.example.com/authorize", " ", ["Mail.Read", "offline_access"]),
    "https://login.example.com/authorize?scope=Mail.Read+offline_access&response_type=code&client_id={client_id}&redirect_uri={redirect_uri}",
    "authorize: scope form-encoded; a template until client id and redirect are given"
  );
  same(
    E.authorizeURL("https://x.example/auth?tenant=1", ",", ["a:read", "b:write"], { clientId: "id 1", redirectUri: "https://cb.example/x?y=1", state: "s&1", incremental: true }),
    "https://x.example/auth?tenant=1&scope=a%3Aread%2Cb%3Awrite&response_type=code&client_id=id+1&redirect_uri=https%3A%2F%2Fcb.example%2Fx%3Fy%3D1&state=s%261&include_granted_scopes=true",
    "authorize: existing query, delimiter, client id and redirect"
  );
  same(
    E.authorizeURL("https://login.example.com/authorize", " ", []),
    "https://login.example.com/authorize?response_type=code&client_id={client_id}&redirect_uri={redirect_uri}",
    "authorize: no scopes, no empty scope="
  );
  same(E.parseList(" a , b,,c "), ["a", "b", "c"], "parseList trims and drops empties");
}

// ------------------------------------------------------------------------------------------------
// 4. Optional: the fixture page in headless Chromium

function dumpDom(query) {
  const url = "file://" + samplePage + query;
  return execFileSync("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 60000,
  });
}

/** `{id: hidden?}` for every element with an id, the scopes output text and the URL field value. */
function readPage(dom) {
  const hidden = {};
  for (const [, attributes] of dom.matchAll(/<[a-z]+\b([^>]*)>/g)) {
    const id = attributes.match(/\bid="([^"]+)"/);
    if (id) hidden[id[1]] = /\shidden(=|\s|$)/.test(attributes);
  }
  const scopes = (dom.match(/data-guide-scopes-output="">([^<]*)</) ?? [])[1];
  const url = (dom.match(/data-guide-url=""[^>]*value="([^"]*)"/) ?? [])[1];
  const error = (dom.match(/<p data-guide-url-error=""([^>]*)>([^<]*)</) ?? []).slice(1);
  return { ready: /data-guide-ready="1"/.test(dom), hidden, scopes, url: url && url.replaceAll("&amp;", "&"), errorShown: error.length > 0 && !/hidden/.test(error[0]), error: error[1] ?? "" };
}

if (process.argv.includes("--browser")) {
  const base = "https://docs.stackone.com/connectors/outlook/guides/link-account/oauth-2-0";
  const full = readPage(dumpDom(""));
  check(full.ready, "browser: the script ran");
  same(full.scopes, "mail:readbasic mail:read mail:write calendar:read calendar:write events:*:read users:read", "browser: full guide scopes");
  check(Object.entries(full.hidden).every(([id, hidden]) => !hidden || id === "results"), "browser: nothing hidden in the full guide");

  const events = readPage(dumpDom("?actions=list_events"));
  same(events.scopes, "calendar:read", "browser: list_events scopes");
  same(events.url, base + "?actions=list_events", "browser: list_events URL");
  same(
    [events.hidden["step-signin"], events.hidden["step-mail"], events.hidden["step-calendar"], events.hidden["section-webhooks"], events.hidden["section-share"]],
    [false, true, false, true, true],
    "browser: list_events hides mail, webhooks and the share section (its only step needs calendar:write)"
  );

  const bad = readPage(dumpDom("?actions=send_message,nope&separator=comma"));
  same(bad.scopes, "mail:write", "browser: the valid id is applied next to an unknown one");
  check(bad.errorShown && (bad.error.includes("unknown action &quot;nope&quot;") || bad.error.includes('unknown action "nope"')), "browser: the unknown id is reported");
  same(bad.url, base + "?actions=send_message&separator=comma", "browser: URL keeps the separator");

  const white = readPage(dumpDom("?actions=list_message_headers%2C+watch_calendar_events&whitelabel=1"));
  same(white.scopes, "mail:readbasic events:*:read", "browser: anyOf and wildcard");
  same([white.hidden.hub, white.hidden["section-webhooks"], white.hidden["step-events"]], [true, false, false], "browser: whitelabel hides the hub part; the wildcard shows webhooks");
}

// ------------------------------------------------------------------------------------------------

for (const f of failures) console.error("FAIL: " + f);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

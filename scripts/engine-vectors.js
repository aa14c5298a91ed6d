/*
 * Replays the shared engine vectors (Tests/ScopeGuideTests/Support/EngineVectors.swift writes
 * them) against the page script's engine: the same answers as the Swift engine, case by case.
 * Plain ES2020, no module syntax, so that Node (`js-engine-selftest.mjs --vectors`) and a
 * browser page (BrowserParityTests) run this very file.
 */
"use strict";

// `var`: a global both hosts reach.
var replayEngineVectors = function (E, corpus) {
  /** JSON with sorted keys, as Swift's encoder writes the expected answers. */
  const canonical = (value) => {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
    }
    return JSON.stringify(value);
  };
  const result = { cases: 0, passed: 0, failed: 0, nonOptimal: 0, withLevelsAndConstraints: 0, failures: [] };
  for (const catalogue of corpus.catalogues) {
    const model = E.prepare(catalogue.data);
    const levelled = Array.isArray(catalogue.data.levels);
    for (const testCase of catalogue.cases) {
      result.cases += 1;
      if (!testCase.expected.optimal) result.nonOptimal += 1;
      if (levelled && testCase.granted.length + testCase.refused.length > 0) result.withLevelsAndConstraints += 1;
      const r = E.resolve(model, testCase.selection, {
        granted: testCase.granted,
        refused: testCase.refused,
        nodeBudget: testCase.nodeBudget,
        workBudget: testCase.workBudget,
      });
      const chosenAlternatives = {};
      for (const [id, alternative] of Object.entries(r.chosenAlternatives)) chosenAlternatives[id] = alternative.map((n) => model.scopes[n]);
      const actual = {
        chosenAlternatives,
        grant: r.grant ? { add: r.grant.add, enabled: r.grant.enabled, reconsent: r.grant.reconsent, unneeded: r.grant.unneeded } : undefined,
        optimal: r.optimal,
        pending: r.pending === null ? undefined : r.pending,
        scopes: r.scopeNames,
        unavailable: r.unavailable,
        usesDefaultScopes: r.usesDefaultScopes,
      };
      const a = canonical(actual);
      const b = canonical(testCase.expected);
      if (a === b) result.passed += 1;
      else {
        result.failed += 1;
        if (result.failures.length < 10) {
          result.failures.push(`${catalogue.data.connector} ${JSON.stringify({ selection: testCase.selection, granted: testCase.granted, refused: testCase.refused })}\n  engine ${b}\n  script ${a}`);
        }
      }
    }
  }
  return result;
};

if (typeof module !== "undefined") module.exports = replayEngineVectors;

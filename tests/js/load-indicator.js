/* indicator.js and group.js in a context of their own, as the compare page loads them:
   returns their SCI. */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

module.exports = function loadIndicator() {
  const context = { console };
  vm.createContext(context);
  for (const script of ["indicator.js", "group.js"]) {
    vm.runInContext(fs.readFileSync(path.join(__dirname, "..", "..", "static", "js", script), "utf8"), context);
  }
  return context.SCI;
};

/* Quiz data of a small made-up indicator: four statements in two dimensions. */
module.exports.data = {
  fingerprint: "t3st",
  points: 5,
  offersNotSure: true,
  minRated: 2,
  bands: [0, 50],
  dimensions: ["a", "b"],
  statements: [
    { id: "a1", dimension: "a", reverse: false },
    { id: "a2", dimension: "a", reverse: true },
    { id: "b1", dimension: "b", reverse: false },
    { id: "b2", dimension: "b", reverse: true }
  ]
};

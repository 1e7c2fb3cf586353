// Prints openapi-diff's breaking differences between two spec files as one line of JSON,
// `[{"code": …, "location": …}]`, for `cargo xtask diff-compare` (its full report nests the
// schemas it compares deeper than serde_json reads by default).
'use strict';
const fs = require('fs');
const openapiDiff = require('openapi-diff');

const [source, destination] = process.argv.slice(2);
const spec = (location) => ({ content: fs.readFileSync(location, 'utf8'), location, format: 'auto-detect' });

openapiDiff.diffSpecs({ sourceSpec: spec(source), destinationSpec: spec(destination) }).then(
  (outcome) => {
    const breaking = (outcome.breakingDifferences || []).map((d) => {
      const from = d.sourceSpecEntityDetails && d.sourceSpecEntityDetails.length ? d.sourceSpecEntityDetails : d.destinationSpecEntityDetails;
      return { code: d.code, location: from && from.length ? from[0].location : '' };
    });
    process.stdout.write(JSON.stringify(breaking) + '\n');
  },
  (error) => {
    process.stderr.write(`${(error && error.message) || error}\n`);
    process.exit(1);
  },
);

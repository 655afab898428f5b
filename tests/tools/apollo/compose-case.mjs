// Like compose.mjs, but reports a subgraph that does not parse as an INVALID_GRAPHQL composition
// error (as Rover does) instead of crashing, so every corpus case gets an oracle file.
// With HINTS_OUT=file set, a successful composition's hints (Apollo's warnings: code and message) are written
// there as JSON, when there are any.
// Usage: node compose-case.mjs name=path/to/a.graphql name2=path/to/b.graphql ...
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const services = [];
const parseErrors = [];
for (const arg of process.argv.slice(2)) {
  const [name, file] = arg.split('=');
  try {
    services.push({ name, url: `http://${name}.local/graphql`, typeDefs: parse(readFileSync(file, 'utf8')) });
  } catch (error) {
    parseErrors.push({ code: 'INVALID_GRAPHQL', message: `[${name}] ${error.message}` });
  }
}
const errors = parseErrors.length > 0 ? parseErrors : composeServices(services).errors;
if (errors && errors.length > 0) {
  process.stderr.write(JSON.stringify(errors.map((e) => ({ code: e.code ?? e.extensions?.code, message: e.message })), null, 2) + '\n');
  process.exit(1);
}
const result = composeServices(services);
if (process.env.HINTS_OUT && result.hints && result.hints.length > 0) {
  const hints = result.hints.map((h) => ({ code: h.definition.code, message: h.message }));
  writeFileSync(process.env.HINTS_OUT, JSON.stringify(hints, null, 2) + '\n');
}
process.stdout.write(result.supergraphSdl);

// Prints Apollo's query plan for an operation over a supergraph, to compare with the gateway's planner.
// Usage: node plan.mjs path/to/supergraph.graphql path/to/query.graphql [operationName]
// PLAN_DEFER=1 plans @defer as Apollo Router does with defer support on (incrementalDelivery.enableDefer).
import { readFileSync } from 'node:fs';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';

const [supergraphFile, queryFile, operationName] = process.argv.slice(2);
const supergraph = Supergraph.build(readFileSync(supergraphFile, 'utf8'));
const operation = operationFromDocument(supergraph.apiSchema(), parse(readFileSync(queryFile, 'utf8')), { operationName });
const config = process.env.PLAN_DEFER === '1' ? { incrementalDelivery: { enableDefer: true } } : undefined;
const plan = new QueryPlanner(supergraph, config).buildQueryPlan(operation);
process.stdout.write(prettyFormatQueryPlan(plan) + '\n');

using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Authorization;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Supergraph;
using UCE.Gateway.Resilience;

namespace UCE.Gateway.Supergraph;

/// <summary>
/// Builds the federation engine for a supergraph, applying the host's subgraph URL overrides, timeouts, introspection
/// switch and operation limits, putting the subgraph circuits (<paramref name="circuits"/>) around its subgraph client, signing every subgraph request with <paramref name="signer"/>; failed subgraph fetches go to <paramref name="failures"/> (the log), which outlives each engine.
/// The supergraph's <c>@policy</c> names are decided by <paramref name="policies"/> (by default <c>role:&lt;name&gt;</c> only).
/// </summary>
public sealed class FederatedGatewayEngineFactory(
    IOptions<GatewayHostOptions> options,
    ISubgraphFetchFailureObserver? failures = null,
    ISubgraphRequestSigner? signer = null,
    IPolicyEvaluator? policies = null,
    SubgraphCircuits? circuits = null) : IGatewayEngineFactory
{
    public IGatewayEngine Create(string supergraphSdl)
    {
        var host = options.Value;
        var supergraph = SupergraphSchema.Parse(supergraphSdl);
        var limits = new OperationLimits().With(host.Limits);
        var engineOptions = new GatewayOptions
        {
            Limits = limits,
            LimitsByRole = host.RoleLimits.ToDictionary(entry => entry.Key, entry => limits.With(entry.Value), StringComparer.OrdinalIgnoreCase),
            SubgraphUrlOverrides = host.Subgraphs
                .Where(entry => entry.Value.Url is not null)
                .ToDictionary(entry => CanonicalName(supergraph, entry.Key), entry => entry.Value.Url!, StringComparer.Ordinal),
            SubgraphTimeout = host.DefaultSubgraphTimeout,
            SubgraphTimeouts = host.Subgraphs
                .Where(entry => entry.Value.Timeout is not null)
                .ToDictionary(entry => CanonicalName(supergraph, entry.Key), entry => entry.Value.Timeout!.Value, StringComparer.Ordinal),
            EnableIntrospection = host.IntrospectionForEveryone,
            FetchFailureObserver = failures,
            SubgraphRequestSigner = signer,
            SubgraphClientWrapper = circuits is null ? null : circuits.Wrap,
            PolicyEvaluator = policies ?? RolePolicyEvaluator.Instance,
        };

        // Built from the supergraph itself so that its @authenticated/@requiresScopes/@policy rules are enforced.
        return new FederatedGateway(supergraph, engineOptions);
    }

    // Configuration keys are case-insensitive (environment variables are often upper case); the engine matches names exactly.
    private static string CanonicalName(SupergraphSchema supergraph, string configured) =>
        supergraph.Subgraphs.FirstOrDefault(subgraph => string.Equals(subgraph.Name, configured, StringComparison.OrdinalIgnoreCase))?.Name ?? configured;
}

using GraphQL;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Hosting.AccessLog;

/// <summary>
/// At the end of a request, turns what <see cref="RequestAccess"/> recorded into log entries and writes them in one
/// batch: one entry per customer and outcome, with the root fields that led there.
/// </summary>
internal sealed class AgentAccessLogWriter(AgentAccessLogStore store, SubgraphModule module, TimeProvider clock, ILogger<AgentAccessLogWriter> logger)
{
    public async Task WriteAsync(RequestAccess access, ExecutionResult result, string? operationName)
    {
        var entries = EntriesOf(access, result, module.Name, operationName ?? result.Operation?.Name?.StringValue, clock.GetUtcNow().UtcDateTime);
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            // Not the request's token: a client that hangs up after reading data is still logged.
            await store.WriteAsync(entries, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The answer has been computed; losing it would not undo the access. The failure is loud instead.
            logger.LogError(ex, "Could not write {Count} agent access log entries of {Subgraph} for {Agent}", entries.Count, module.Name, access.Caller.Subject);
        }
    }

    internal static IReadOnlyList<AgentAccessEntry> EntriesOf(RequestAccess access, ExecutionResult result, string subgraph, string? operationName, DateTime at)
    {
        if (!access.IsAudited || access.Touched.Count == 0)
        {
            return [];
        }

        var failedRoots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in result.Errors ?? [])
        {
            if (SubgraphErrorInfoProvider.CodeOf(error) != ErrorCodes.Forbidden && error.Path?.FirstOrDefault() is string root)
            {
                failedRoots.Add(root);
            }
        }

        return access.Touched
            .GroupBy(touch => (touch.Key.CustomerId, Outcome: touch.Value
                ? AgentAccessOutcome.Forbidden
                : failedRoots.Contains(touch.Key.RootField) ? AgentAccessOutcome.Error : AgentAccessOutcome.Allowed))
            .OrderBy(group => group.Key.CustomerId, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Outcome)
            .Select(group => new AgentAccessEntry
            {
                Id = Guid.CreateVersion7().ToString("N"),
                At = at,
                Subgraph = subgraph,
                Agent = access.Caller.Subject,
                Role = Identity.CallerIdentity.NameOf(access.Caller.Role),
                CustomerId = group.Key.CustomerId,
                OperationName = operationName,
                RootFields = string.Join(' ', group.Select(touch => touch.Key.RootField).Distinct().Order(StringComparer.Ordinal)),
                Outcome = group.Key.Outcome,
            })
            .ToList();
    }
}

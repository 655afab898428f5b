using System.Net;
using Microsoft.Extensions.Options;

namespace UCE.Gateway.RateLimiting;

/// <summary>Who a request is counted against.</summary>
/// <param name="Role">The caller's role, which picks the rule.</param>
/// <param name="ClientId">The token's client id, if any.</param>
/// <param name="Subject">The token's subject, if any.</param>
/// <param name="Address">The remote address, for callers without a token.</param>
public readonly record struct RateLimitClient(string Role, string? ClientId, string? Subject, IPAddress? Address)
{
    /// <summary>The key the allowance is kept under: client id, else subject, else address.</summary>
    public string Key =>
        ClientId is { Length: > 0 } client ? "client:" + client
        : Subject is { Length: > 0 } subject ? "sub:" + subject
        : "ip:" + (Address?.ToString() ?? "unknown");
}

/// <summary>
/// Applies <see cref="RateLimitOptions"/> through the configured <see cref="IRateLimitStore"/>. When the store fails
/// (Redis down), requests pass and a warning is logged at most every 10 s: losing the limiter must not take the graph down.
/// </summary>
public sealed partial class GatewayRateLimiter(
    IRateLimitStore store,
    IOptionsMonitor<RateLimitOptions> options,
    TimeProvider clock,
    ILogger<GatewayRateLimiter> logger)
{
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromSeconds(10);
    private long _lastFailureLog = long.MinValue;

    /// <summary>Whether limits apply (they can be switched off in configuration).</summary>
    public bool Enabled => options.CurrentValue.Enabled;

    /// <summary>Takes <paramref name="operations"/> from <paramref name="client"/>'s allowance.</summary>
    public async ValueTask<RateLimitDecision> AcquireAsync(RateLimitClient client, int operations, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (!current.Enabled)
        {
            return new RateLimitDecision(true, TimeSpan.Zero, int.MaxValue);
        }

        try
        {
            return await store.AcquireAsync(client.Key, current.RuleOf(client.Role), operations, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var now = clock.GetTimestamp();
            var last = Interlocked.Read(ref _lastFailureLog);
            if (last == long.MinValue || clock.GetElapsedTime(last, now) >= FailureLogInterval)
            {
                Interlocked.Exchange(ref _lastFailureLog, now);
                LogStoreFailed(logger, exception);
            }

            return new RateLimitDecision(true, TimeSpan.Zero, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rate-limit store failed; requests pass unlimited until it answers again")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}

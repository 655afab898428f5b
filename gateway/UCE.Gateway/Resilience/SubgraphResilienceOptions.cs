namespace UCE.Gateway.Resilience;

/// <summary>
/// How the gateway protects itself and its clients from a failing subgraph (configuration <c>Gateway:Resilience</c>): a
/// circuit breaker per subgraph, and retries of queries whose connection failed.
/// </summary>
public sealed class SubgraphResilienceOptions
{
    /// <summary>Off: every fetch goes to its subgraph, whatever happened before (tests of raw subgraph failures).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The circuit opens when at least this share of a subgraph's fetches failed (connection refused or reset, timeout,
    /// HTTP 5xx) within <see cref="SamplingDuration"/>, over at least <see cref="MinimumThroughput"/> fetches.
    /// </summary>
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open circuit answers <c>SUBGRAPH_UNAVAILABLE</c> at once before one fetch is let through to test it.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Extra attempts of a query fetch whose connection could not be made (refused, reset before a request was written, name
    /// not resolved). Mutations are never retried; neither is a fetch that timed out or got an answer.
    /// </summary>
    public int ConnectionRetries { get; set; } = 2;

    /// <summary>The pause before the first retry; doubled for each next one, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The configuration problems, for the options validation at start.</summary>
    public IEnumerable<string> Problems()
    {
        if (FailureRatio is <= 0 or > 1)
        {
            yield return "Gateway:Resilience:FailureRatio must be above 0 and at most 1.";
        }

        if (MinimumThroughput < 2 || SamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return "Gateway:Resilience: MinimumThroughput must be at least 2, SamplingDuration and BreakDuration at least 0.5 s.";
        }

        if (ConnectionRetries is < 0 or > 5 || RetryDelay < TimeSpan.Zero)
        {
            yield return "Gateway:Resilience: ConnectionRetries must be 0 to 5 and RetryDelay not negative.";
        }
    }
}

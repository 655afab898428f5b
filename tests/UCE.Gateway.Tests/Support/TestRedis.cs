using StackExchange.Redis;

namespace UCE.Gateway.Tests.Support;

/// <summary>The Redis server of the tests: <c>UCE_TEST_REDIS</c>, default <c>127.0.0.1:6379</c>; one connection for the run.</summary>
public static class TestRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(Configuration));

    /// <summary>The StackExchange.Redis configuration string of the test server.</summary>
    public static string Configuration =>
        Environment.GetEnvironmentVariable("UCE_TEST_REDIS") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    public static IConnectionMultiplexer Connection => Shared.Value;
}

using StackExchange.Redis;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>The Redis server of the tests: <c>UCE_TEST_REDIS</c>, default <c>127.0.0.1:6379</c>; one connection for the run.</summary>
public static class TestRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(Configuration));

    /// <summary>The StackExchange.Redis configuration string of the test server.</summary>
    public static string Configuration =>
        Environment.GetEnvironmentVariable("UCE_TEST_REDIS") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    public static IConnectionMultiplexer Connection => Shared.Value;

    /// <summary>A stream or channel name no other test uses: <c>uce:test:&lt;what&gt;:&lt;random&gt;</c>.</summary>
    public static string UniqueName(string what) => $"uce:test:{what}:{Guid.NewGuid():N}";

    /// <summary>Deletes keys the test created.</summary>
    public static Task DeleteAsync(params string[] keys) =>
        Connection.GetDatabase().KeyDeleteAsync([.. keys.Select(key => (RedisKey)key)]);
}

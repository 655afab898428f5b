using System.Text.Json;
using StackExchange.Redis;

namespace UCE.Gateway.Persisted;

/// <summary>
/// The store in Redis, shared by every gateway instance and kept across restarts. A client's manifest is one hash per
/// version (<c>uce:persisted:{client}:v3</c>, document id → document), a key naming the current version
/// (<c>uce:persisted:{client}</c>) and a counter; publishing writes the next version whole, points at it, keeps the previous
/// one and drops older ones, in one script, then announces the client on <c>uce:persisted:changed</c>. Automatic persisted
/// queries are plain keys with a time to live (<c>uce:apq:&lt;sha256&gt;</c>).
/// </summary>
public sealed class RedisPersistedDocumentStore(IConnectionMultiplexer redis, string keyPrefix = "uce:") : IPersistedDocumentStore
{
    private const string PublishScript = """
        local version = redis.call('INCR', KEYS[1] .. ':next')
        local hash = KEYS[1] .. ':v' .. version
        redis.call('DEL', hash)
        -- HSET in slices of 100 pairs: unpack is bounded by Lua's stack.
        for i = 3, #ARGV, 200 do
          redis.call('HSET', hash, unpack(ARGV, i, math.min(i + 199, #ARGV)))
        end
        redis.call('SET', KEYS[1], version)
        redis.call('DEL', KEYS[1] .. ':v' .. (version - 2))
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[1])
        return version
        """;

    private const string ReadScript = """
        local version = redis.call('GET', KEYS[1])
        if not version then return false end
        return {version, redis.call('HGETALL', KEYS[1] .. ':v' .. version)}
        """;

    private RedisKey ClientsKey => keyPrefix + "persisted:clients";

    private RedisChannel ChangedChannel => RedisChannel.Literal(keyPrefix + "persisted:changed");

    public async Task<long> PublishAsync(string client, IReadOnlyList<PersistedDocument> documents, CancellationToken cancellationToken)
    {
        PersistedClientNames.ThrowIfInvalid(client);
        ArgumentNullException.ThrowIfNull(documents);
        var arguments = new List<RedisValue>(2 + (2 * documents.Count)) { client, ChangedChannel.ToString() };
        foreach (var document in documents)
        {
            arguments.Add(document.Id);
            arguments.Add(JsonSerializer.Serialize(new StoredDocument(document.Body, document.Name, document.Type), StoredDocumentJson.Default.StoredDocument));
        }

        var result = await redis.GetDatabase().ScriptEvaluateAsync(PublishScript, [ManifestKey(client), ClientsKey], [.. arguments]).ConfigureAwait(false);
        return (long)result;
    }

    public async Task<StoredManifest?> GetAsync(string client, CancellationToken cancellationToken)
    {
        PersistedClientNames.ThrowIfInvalid(client);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(ReadScript, [ManifestKey(client)]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var version = (long)parts[0];
        var fields = (RedisResult[])parts[1]!;
        var documents = new List<PersistedDocument>(fields.Length / 2);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var stored = JsonSerializer.Deserialize((string)fields[i + 1]!, StoredDocumentJson.Default.StoredDocument)!;
            documents.Add(new PersistedDocument((string)fields[i]!, stored.Body, stored.Name, stored.Type));
        }

        return new StoredManifest(client, version, documents);
    }

    public async Task<long?> VersionAsync(string client, CancellationToken cancellationToken)
    {
        PersistedClientNames.ThrowIfInvalid(client);
        var value = await redis.GetDatabase().StringGetAsync(ManifestKey(client)).ConfigureAwait(false);
        return value.IsNull ? null : (long)value;
    }

    public async Task<IReadOnlyList<string>> ClientsAsync(CancellationToken cancellationToken)
    {
        var members = await redis.GetDatabase().SetMembersAsync(ClientsKey).ConfigureAwait(false);
        return [.. members.Select(member => (string)member!).Order(StringComparer.Ordinal)];
    }

    public async Task WatchAsync(Action<string?> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        // The client re-subscribes by itself after a reconnection; what was published meanwhile is read again.
        redis.ConnectionRestored += (_, _) => changed(null);
        await redis.GetSubscriber().SubscribeAsync(ChangedChannel, (_, message) => changed(message.IsNullOrEmpty ? null : (string)message!)).ConfigureAwait(false);
    }

    public async Task<string?> GetAutomaticAsync(string sha256, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(AutomaticKey(sha256)).ConfigureAwait(false);
        return value.IsNull ? null : (string)value!;
    }

    public Task SetAutomaticAsync(string sha256, string document, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(AutomaticKey(sha256), document, timeToLive);

    // The braces make every key of one client land in the same slot of a Redis cluster.
    private RedisKey ManifestKey(string client) => $"{keyPrefix}persisted:{{{client}}}";

    private RedisKey AutomaticKey(string sha256) => keyPrefix + "apq:" + sha256;
}

/// <summary>A document as the store keeps it under its id.</summary>
internal sealed record StoredDocument(string Body, string? Name, string? Type);

[System.Text.Json.Serialization.JsonSerializable(typeof(StoredDocument))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StoredDocumentJson : System.Text.Json.Serialization.JsonSerializerContext;

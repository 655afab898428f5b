namespace UCE.Gateway.Persisted;

/// <summary>
/// Trusted documents, automatic persisted queries and who may send what (configuration section
/// <c>Gateway:PersistedDocuments</c>). A client is the token's client id, or the client whose API key the request carries.
/// </summary>
public sealed class PersistedDocumentOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:PersistedDocuments";

    /// <summary>
    /// The folder of manifests, one per client (<c>&lt;client&gt;.json</c>). Unset: <c>schema/persisted</c> of the repository
    /// (searched upward from the working directory), else the copy beside the binaries.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>The request header carrying an API key, for clients without a token of their own.</summary>
    public string ApiKeyHeader { get; set; } = "X-API-Key";

    /// <summary>The policy of callers that are no configured client (including callers that are no client at all).</summary>
    public PersistedClientPolicy Default { get; set; } = new() { PersistedOnly = false, AllowApq = true };

    /// <summary>Policies by client name (a token's <c>client_id</c>); unset values come from <see cref="Default"/>.</summary>
    public Dictionary<string, PersistedClientPolicy> Clients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long an automatic persisted query stays registered after its last registration.</summary>
    public TimeSpan ApqTimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many automatic persisted queries each gateway keeps in memory besides the shared store.</summary>
    public int ApqMemoryCacheSize { get; set; } = 4096;

    /// <summary>The <c>max-age</c> of a GET response that depends on no caller (<c>Cache-Control: public</c>).</summary>
    public TimeSpan PublicMaxAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The prefix of every Redis key and channel of the store (<c>uce:</c>), so that several environments can share one Redis.</summary>
    public string RedisKeyPrefix { get; set; } = "uce:";

    /// <summary>How often the gateway compares its manifests with the store's versions and the files' time stamps, besides the store's change messages.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>What one client may send.</summary>
public sealed class PersistedClientPolicy
{
    /// <summary>Only trusted documents of its own manifest, by id: a document in the request is refused unparsed.</summary>
    public bool? PersistedOnly { get; set; }

    /// <summary>May register and use automatic persisted queries (ignored when <see cref="PersistedOnly"/>).</summary>
    public bool? AllowApq { get; set; }

    /// <summary>API keys that identify this client when the request carries no token with a client id.</summary>
    public List<string> ApiKeys { get; set; } = [];
}

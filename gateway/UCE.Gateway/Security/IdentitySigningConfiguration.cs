using UCE.Gateway.Configuration;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Security;

/// <summary>The keys the gateway signs forwarded identities with (<c>Identity:SigningKeys</c>, shared with the subgraphs).</summary>
public static class IdentitySigningConfiguration
{
    /// <summary>The configuration key, the same one the subgraphs read.</summary>
    public const string SigningKeysKey = "Identity:SigningKeys";

    /// <summary>
    /// In the embedded default (no supergraph file or URL configured) without keys, a fresh random key for this process: the gateway
    /// and its in-process subgraphs share it and nothing else knows it. <c>null</c> when keys are configured or the gateway
    /// serves external subgraphs (which then must be given the keys).
    /// </summary>
    public static string? GenerateForEmbeddedDefault(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var embedded = string.IsNullOrWhiteSpace(configuration[$"{GatewayHostOptions.SectionName}:{nameof(GatewayHostOptions.SupergraphPath)}"])
            && string.IsNullOrWhiteSpace(configuration[$"{GatewayHostOptions.SectionName}:{nameof(GatewayHostOptions.SupergraphUrl)}"]);
        return embedded && string.IsNullOrWhiteSpace(configuration[SigningKeysKey])
            ? IdentitySigningKey.Format([IdentitySigningKey.Generate()])
            : null;
    }

    /// <summary>The key that signs (the first configured); throws with the fix when there is none or the list is malformed.</summary>
    public static IdentitySigningKey SigningKey(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IReadOnlyList<IdentitySigningKey> keys;
        try
        {
            keys = IdentitySigningKey.ParseList(configuration[SigningKeysKey]);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"{SigningKeysKey} is malformed: {exception.Message}", exception);
        }

        return keys.Count > 0
            ? keys[0]
            : throw new InvalidOperationException(
                $"{SigningKeysKey} is not set: subgraphs refuse requests the gateway does not sign. Set the same 'id:base64secret' " +
                "list on the gateway and every subgraph (environment variable Identity__SigningKeys; at least 32 random bytes).");
    }
}

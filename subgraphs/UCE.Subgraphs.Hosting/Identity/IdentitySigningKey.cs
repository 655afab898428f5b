using System.Security.Cryptography;

namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>One shared HMAC key between the gateway and the subgraphs, named so that two can be active during a rotation.</summary>
public sealed class IdentitySigningKey
{
    /// <summary>The shortest secret accepted: 256 bits, the HMAC-SHA256 block's strength.</summary>
    public const int MinimumSecretBytes = 32;

    public IdentitySigningKey(string id, byte[] secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(secret);
        if (id.Any(c => char.IsWhiteSpace(c) || c is ':' or ';' or '='))
        {
            throw new ArgumentException($"A signing key id may not contain white space, ':', ';' or '=': '{id}'.", nameof(id));
        }

        if (secret.Length < MinimumSecretBytes)
        {
            throw new ArgumentException($"The signing key '{id}' has {secret.Length} bytes; at least {MinimumSecretBytes} are required.", nameof(secret));
        }

        Id = id;
        Secret = secret;
    }

    public string Id { get; }

    public byte[] Secret { get; }

    // One keyed HMAC per thread and key, reset after each use: setting a key up costs more than the MAC of a short text.
    [ThreadStatic]
    private static Dictionary<IdentitySigningKey, IncrementalHash>? _macs;

    /// <summary>The HMAC-SHA256 of <paramref name="data"/> under this key.</summary>
    public byte[] Mac(ReadOnlySpan<byte> data)
    {
        _macs ??= new Dictionary<IdentitySigningKey, IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (!_macs.TryGetValue(this, out var mac))
        {
            if (_macs.Count >= 16)
            {
                // Keys rotated many times over a thread's life: start over rather than keep every old key's state.
                foreach (var old in _macs.Values)
                {
                    old.Dispose();
                }

                _macs.Clear();
            }

            mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Secret);
            _macs[this] = mac;
        }

        mac.AppendData(data);
        return mac.GetHashAndReset();
    }

    /// <summary>A fresh random key (the embedded default makes one at every start).</summary>
    public static IdentitySigningKey Generate(string id = "embedded") => new(id, RandomNumberGenerator.GetBytes(MinimumSecretBytes));

    /// <summary>
    /// Parses the configuration form <c>id:base64secret</c>, several separated by <c>;</c> or <c>,</c>. The first key signs;
    /// every key verifies, so a rotation adds the new key second everywhere, then moves it first, then drops the old one.
    /// </summary>
    public static IReadOnlyList<IdentitySigningKey> ParseList(string? text)
    {
        var keys = new List<IdentitySigningKey>();
        foreach (var entry in (text ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"A signing key is written 'id:base64secret'; got an entry without an id.");
            }

            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(entry[(colon + 1)..]);
            }
            catch (FormatException)
            {
                throw new FormatException($"The secret of signing key '{entry[..colon]}' is not base64.");
            }

            var key = new IdentitySigningKey(entry[..colon], secret);
            if (keys.Any(existing => existing.Id == key.Id))
            {
                throw new FormatException($"The signing key id '{key.Id}' is listed twice.");
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <summary>The configuration form of <paramref name="keys"/>, the inverse of <see cref="ParseList"/>.</summary>
    public static string Format(IEnumerable<IdentitySigningKey> keys) =>
        string.Join(';', keys.Select(key => key.Id + ":" + Convert.ToBase64String(key.Secret)));
}

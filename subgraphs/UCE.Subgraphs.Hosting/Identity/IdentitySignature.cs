using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>What a subgraph found when it checked a request's <see cref="IdentityHeaders.Signature"/>.</summary>
public enum IdentitySignatureStatus
{
    Valid,
    Missing,
    Malformed,
    UnknownKey,
    Stale,
    Forged,
}

/// <summary>
/// The gateway's proof that it sent a request's identity: <c>X-UCE-Signature: v1;kid=ID;ts=UNIX;sig=BASE64URL</c>, an
/// HMAC-SHA256 over the version, timestamp, key id, every <see cref="IdentityHeaders.Signed"/> header's value (empty when
/// absent) and the SHA-256 of the request body (of the query string for a GET). A signature is bound to one body, so it
/// cannot be lifted onto another operation, and to a time, so it cannot be replayed after <see cref="MaxAge"/>.
/// </summary>
public static class IdentitySignature
{
    /// <summary>The oldest signature a subgraph accepts, and how far in the future a timestamp may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private const string Version = "v1";

    /// <summary>The header value that signs <paramref name="headerValue"/>'s identity headers and <paramref name="payload"/> at <paramref name="at"/>.</summary>
    /// <param name="headerValue">Reads an identity header's value by name (null or empty when absent).</param>
    /// <param name="payload">The request body, or the query string of a GET.</param>
    /// <param name="at">The signing time.</param>
    /// <param name="key">The key that signs (the first configured).</param>
    public static string Create(Func<string, string?> headerValue, ReadOnlySpan<byte> payload, DateTimeOffset at, IdentitySigningKey key)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        ArgumentNullException.ThrowIfNull(key);
        var timestamp = at.ToUnixTimeSeconds();
        var mac = Compute(headerValue, payload, timestamp, key);
        return string.Create(CultureInfo.InvariantCulture, $"{Version};kid={key.Id};ts={timestamp};sig={Base64Url(mac)}");
    }

    /// <summary>Checks <paramref name="headers"/>' signature against <paramref name="payload"/> at <paramref name="now"/> with any of <paramref name="keys"/>.</summary>
    public static IdentitySignatureStatus Verify(IHeaderDictionary headers, ReadOnlySpan<byte> payload, DateTimeOffset now, IReadOnlyList<IdentitySigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(name => headers[name].ToString(), headers[IdentityHeaders.Signature].ToString(), payload, now, keys);
    }

    /// <inheritdoc cref="Verify(IHeaderDictionary, ReadOnlySpan{byte}, DateTimeOffset, IReadOnlyList{IdentitySigningKey})"/>
    public static IdentitySignatureStatus Verify(Func<string, string?> headerValue, string? signature, ReadOnlySpan<byte> payload, DateTimeOffset now, IReadOnlyList<IdentitySigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return IdentitySignatureStatus.Missing;
        }

        if (!TryParse(signature, out var keyId, out var timestamp, out var mac))
        {
            return IdentitySignatureStatus.Malformed;
        }

        IdentitySigningKey? key = null;
        foreach (var candidate in keys)
        {
            if (candidate.Id == keyId)
            {
                key = candidate;
                break;
            }
        }

        if (key is null)
        {
            return IdentitySignatureStatus.UnknownKey;
        }

        // Checked before the time so that a forged signature is told apart from an old one only by someone holding the key.
        var expected = Compute(headerValue, payload, timestamp, key);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            return IdentitySignatureStatus.Forged;
        }

        var age = now.ToUnixTimeSeconds() - timestamp;
        return Math.Abs(age) > MaxAge.TotalSeconds ? IdentitySignatureStatus.Stale : IdentitySignatureStatus.Valid;
    }

    private static byte[] Compute(Func<string, string?> headerValue, ReadOnlySpan<byte> payload, long timestamp, IdentitySigningKey key)
    {
        Span<byte> bodyHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, bodyHash);

        // The canonical text, written as UTF-8 straight into a pooled buffer: no intermediate strings per request.
        var values = new string?[IdentityHeaders.Signed.Count];
        var length = 64 + key.Id.Length + (2 * SHA256.HashSizeInBytes);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = headerValue(IdentityHeaders.Signed[i])?.Trim();
            length += Encoding.UTF8.GetMaxByteCount(values[i]?.Length ?? 0) + 1;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var text = rented.AsSpan();
            var written = 0;
            written += Encoding.UTF8.GetBytes(Version, text[written..]);
            text[written++] = (byte)'\n';
            timestamp.TryFormat(text[written..], out var digits, provider: CultureInfo.InvariantCulture);
            written += digits;
            text[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(key.Id, text[written..]);
            text[written++] = (byte)'\n';
            foreach (var value in values)
            {
                // A value cannot hold a line feed (HTTP forbids it), so the fields cannot be shifted into one another.
                written += Encoding.UTF8.GetBytes(value ?? string.Empty, text[written..]);
                text[written++] = (byte)'\n';
            }

            foreach (var b in bodyHash)
            {
                text[written++] = (byte)"0123456789ABCDEF"[b >> 4];
                text[written++] = (byte)"0123456789ABCDEF"[b & 0xF];
            }

            return key.Mac(text[..written]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryParse(string value, out string keyId, out long timestamp, out byte[] mac)
    {
        keyId = string.Empty;
        timestamp = 0;
        mac = [];
        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || parts[0] != Version
            || !parts[1].StartsWith("kid=", StringComparison.Ordinal)
            || !parts[2].StartsWith("ts=", StringComparison.Ordinal)
            || !parts[3].StartsWith("sig=", StringComparison.Ordinal)
            || !long.TryParse(parts[2].AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
        {
            return false;
        }

        keyId = parts[1][4..];
        try
        {
            mac = FromBase64Url(parts[3][4..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return mac.Length == HMACSHA256.HashSizeInBytes;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => throw new FormatException() };
        return Convert.FromBase64String(padded);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace UCE.Gateway.Persisted;

/// <summary>
/// One trusted document: the id clients send, the document's text, and the operation's name and type as a manifest
/// declares them. <see cref="ContentHash"/> (<c>sha256:&lt;hex&gt;</c> of the text) is computed once, when the document is
/// read or stored, and is the key the engine caches its parse, validation and plans under.
/// </summary>
public sealed class PersistedDocument
{
    /// <summary>The prefix of content-hash ids (GraphQL over HTTP's persisted documents: <c>sha256:&lt;hex&gt;</c>).</summary>
    public const string Sha256Prefix = "sha256:";

    /// <param name="id">The id clients send; <c>sha256:&lt;hex&gt;</c> of <paramref name="body"/> when <c>null</c> or empty.</param>
    /// <param name="body">The document.</param>
    /// <param name="name">The operation's name, if the manifest gives it.</param>
    /// <param name="type">The operation's type (<c>query</c>, <c>mutation</c>, <c>subscription</c>), if the manifest gives it.</param>
    public PersistedDocument(string? id, string body, string? name = null, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Body = body;
        Sha256 = Sha256Hex(body);
        ContentHash = Sha256Prefix + Sha256;
        Id = string.IsNullOrEmpty(id) ? ContentHash : id;
        Name = string.IsNullOrEmpty(name) ? null : name;
        Type = string.IsNullOrEmpty(type) ? null : type;
    }

    public string Id { get; }

    public string Body { get; }

    public string? Name { get; }

    public string? Type { get; }

    /// <summary>The lowercase hex SHA-256 of the UTF-8 text (what Apollo clients send as <c>sha256Hash</c>).</summary>
    public string Sha256 { get; }

    /// <summary><c>sha256:</c> followed by <see cref="Sha256"/>.</summary>
    public string ContentHash { get; }

    /// <summary>The lowercase hex SHA-256 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(text);
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>True for 64 hex digits, the form of a SHA-256 (either case).</summary>
    public static bool IsSha256Hex(ReadOnlySpan<char> text)
    {
        if (text.Length != 2 * SHA256.HashSizeInBytes)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The SHA-256 an id claims the text has (<c>sha256:&lt;hex&gt;</c> or 64 hex digits), lowercase; <c>null</c> for an id of
    /// another form, which is an opaque name.
    /// </summary>
    public static string? ClaimedSha256(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hex = id.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase) ? id.AsSpan(Sha256Prefix.Length) : id.AsSpan();
        return IsSha256Hex(hex) ? hex.ToString().ToLowerInvariant() : null;
    }
}

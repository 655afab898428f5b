using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// How the gateway proves a WebSocket connection's identity. An upgrade has no body to sign, so the subgraph answers the
/// upgrade with a fresh random <see cref="NonceHeader"/>, and the gateway's <c>connection_init</c> carries the identity
/// headers in <c>payload.headers</c> with an <see cref="IdentityHeaders.Signature"/> over <see cref="SignedPayload"/>
/// of that nonce. The signature is bound to this one connection (a captured <c>connection_init</c> fails on any other)
/// and, like every signature, is refused after <see cref="IdentitySignature.MaxAge"/>.
/// </summary>
public static class WebSocketIdentity
{
    /// <summary>The response header of the upgrade that carries the connection's nonce.</summary>
    public const string NonceHeader = "X-UCE-Connection-Nonce";

    /// <summary>What the <c>connection_init</c> signature covers in place of a body: <c>connection_init</c>, a line feed, the nonce (UTF-8).</summary>
    public static byte[] SignedPayload(string nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        return Encoding.UTF8.GetBytes("connection_init\n" + nonce);
    }

    /// <summary>A new connection nonce: 128 random bits, base64url.</summary>
    public static string NewNonce() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The caller a <c>connection_init</c> payload proves, or null and why not: no <c>headers</c> object, a value that is
    /// not a string, a signature that does not verify over <paramref name="nonce"/>, or identity headers that do not read.
    /// </summary>
    internal static CallerIdentity? Verify(JsonElement? payload, string nonce, IdentityVerifier verifier, out string problem)
    {
        problem = string.Empty;
        if (payload is not { ValueKind: JsonValueKind.Object } init
            || !init.TryGetProperty("headers", out var headersElement)
            || headersElement.ValueKind != JsonValueKind.Object)
        {
            problem = "the connection_init payload carries no headers";
            return null;
        }

        var headers = new HeaderDictionary();
        foreach (var header in headersElement.EnumerateObject())
        {
            if (header.Value.ValueKind != JsonValueKind.String)
            {
                problem = "a header value is not a string";
                return null;
            }

            headers[header.Name] = header.Value.GetString();
        }

        var status = verifier.Verify(headers, SignedPayload(nonce));
        if (status != IdentitySignatureStatus.Valid)
        {
            problem = "signature " + status.ToString().ToLowerInvariant();
            return null;
        }

        if (!CallerIdentityReader.TryRead(headers, out var caller, out var identityProblem))
        {
            problem = identityProblem ?? "invalid identity headers";
            return null;
        }

        return caller;
    }
}

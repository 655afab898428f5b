using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Http;

namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>
/// Refuses, with 401 and before anything is parsed, every request whose identity headers the gateway did not sign with a
/// configured key (<c>Identity:SigningKeys</c>) over this very body within <see cref="IdentitySignature.MaxAge"/>.
/// </summary>
internal sealed partial class IdentityVerifier
{
    /// <summary>The configuration key of the shared keys, <c>id:base64secret</c> separated by <c>;</c>, the first signing.</summary>
    public const string SigningKeysKey = "Identity:SigningKeys";

    /// <summary>The configuration key of the largest request body a subgraph reads (bytes; default 32 MiB).</summary>
    public const string MaxRequestBodyBytesKey = "Subgraph:MaxRequestBodyBytes";

    /// <summary>The body limit when <see cref="MaxRequestBodyBytesKey"/> is not set: 32 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;

    private readonly TimeProvider _clock;
    private readonly ILogger<IdentityVerifier> _logger;
    private readonly long _maxBodyBytes;

    public IdentityVerifier(IConfiguration configuration, TimeProvider clock, ILogger<IdentityVerifier> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _clock = clock;
        _logger = logger;
        Keys = IdentitySigningKey.ParseList(configuration[SigningKeysKey]);
        _maxBodyBytes = configuration.GetValue<long?>(MaxRequestBodyBytesKey) ?? DefaultMaxRequestBodyBytes;
    }

    /// <summary>The keys that verify; empty means the subgraph was started without them and refuses to serve.</summary>
    public IReadOnlyList<IdentitySigningKey> Keys { get; }

    /// <summary>What a GET's signature covers: its query string without the leading <c>?</c>.</summary>
    public static string SignedQueryString(HttpRequest request) =>
        request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;

    /// <summary>Reads the whole body (a 413 problem past the limit).</summary>
    public async Task<(ReadOnlyMemory<byte> Body, GraphQLHttpProblem? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > _maxBodyBytes)
        {
            return (default, TooLarge());
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer.WrittenMemory, null);
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > _maxBodyBytes)
            {
                return (default, TooLarge());
            }
        }
    }

    /// <summary>Null when the request is signed; else the 401 problem to answer with.</summary>
    public GraphQLHttpProblem? Check(IHeaderDictionary headers, ReadOnlyMemory<byte> payload)
    {
        var status = Verify(headers, payload.Span);
        if (status == IdentitySignatureStatus.Valid)
        {
            return null;
        }

        var reason = status switch
        {
            IdentitySignatureStatus.Missing => $"The request carries no {IdentityHeaders.Signature} header; subgraphs answer only the gateway.",
            IdentitySignatureStatus.Stale => $"The request's signature is older than {IdentitySignature.MaxAge.TotalSeconds:0} s (or from the future).",
            IdentitySignatureStatus.UnknownKey => "The request is signed with a key this subgraph does not know.",
            IdentitySignatureStatus.Malformed => $"The {IdentityHeaders.Signature} header is not 'v1;kid=…;ts=…;sig=…'.",
            _ => "The request's signature does not match its identity headers and body.",
        };
        return new GraphQLHttpProblem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, reason);
    }

    /// <summary>Checks <paramref name="headers"/>' signature over <paramref name="payload"/> now; a refusal is logged.</summary>
    public IdentitySignatureStatus Verify(IHeaderDictionary headers, ReadOnlySpan<byte> payload)
    {
        var status = IdentitySignature.Verify(headers, payload, _clock.GetUtcNow(), Keys);
        if (status != IdentitySignatureStatus.Valid)
        {
            LogRefused(_logger, status);
        }

        return status;
    }

    private GraphQLHttpProblem TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, $"The request body is larger than {_maxBodyBytes} bytes.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request without a valid gateway signature: {Status}")]
    private static partial void LogRefused(ILogger logger, IdentitySignatureStatus status);
}

/// <summary>Stops a subgraph from starting without signing keys: it would refuse every request.</summary>
internal sealed class IdentityKeysCheck(IdentityVerifier verifier) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        verifier.Keys.Count > 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"{IdentityVerifier.SigningKeysKey} is not set: the subgraph accepts only requests the gateway signs. Give it the gateway's keys " +
                "(environment variable Identity__SigningKeys, 'id:base64secret', at least 32 random bytes, e.g. 'k1:' followed by the output of 'openssl rand -base64 32').");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

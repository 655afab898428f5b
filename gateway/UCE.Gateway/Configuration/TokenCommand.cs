using UCE.Gateway.Authentication;

namespace UCE.Gateway.Configuration;

/// <summary>
/// <c>token …</c>: prints a development bearer token, and nothing else, on standard output, signed with the development
/// key (made on first use) that the embedded default trusts.
/// </summary>
public static class TokenCommand
{
    /// <summary>Prints the token and returns the exit code: 0, or 1 with the reason on <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(DevelopmentTokenRequest request, IReadOnlyList<string> hostArguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // The same sources, in the same order, as the gateway's own configuration, so both find the same key file.
        var configuration = CommandConfiguration.Build(hostArguments);
        var directory = configuration[$"{GatewayAuthenticationOptions.SectionName}:{nameof(GatewayAuthenticationOptions.DevelopmentKeyPath)}"];
        try
        {
            var key = DevelopmentSigningKey.LoadOrCreate(directory);
            await output.WriteLineAsync(request.CreateToken(key, DateTimeOffset.UtcNow));
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"No token: {exception.Message}");
            return 1;
        }
    }
}

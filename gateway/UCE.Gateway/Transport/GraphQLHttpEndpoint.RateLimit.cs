using System.Globalization;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.RateLimiting;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Transport;

public sealed partial class GraphQLHttpEndpoint
{
    /// <summary>
    /// Takes one permit per operation from the caller's allowance (token client id, else subject, else IP address);
    /// null when they may run, else the 429 to answer with, <c>Retry-After</c> set in whole seconds.
    /// </summary>
    private static async ValueTask<TransportError?> RateLimitAsync(HttpContext context, CallerIdentity caller, int operations)
    {
        var limiter = context.RequestServices.GetRequiredService<GatewayRateLimiter>();
        if (!limiter.Enabled)
        {
            return null;
        }

        var client = new RateLimitClient(CallerIdentity.NameOf(caller.Role), caller.ClientId, caller.Subject, context.Connection.RemoteIpAddress);
        var decision = await limiter.AcquireAsync(client, operations, context.RequestAborted);
        if (decision.Allowed)
        {
            return null;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        return new TransportError(
            StatusCodes.Status429TooManyRequests,
            "RATE_LIMITED",
            $"Too many operations from this client; retry after {seconds} s.");
    }
}

using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;

namespace UCE.Gateway.Authentication;

/// <summary>Refuses to start with an incomplete or unsafe <c>Gateway:Authentication</c>, naming every problem.</summary>
public sealed class GatewayAuthenticationValidation : IValidateOptions<GatewayHostOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Authentication.Problems(options.IsEmbeddedDefault).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

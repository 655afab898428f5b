using Microsoft.IdentityModel.JsonWebTokens;
using UCE.Gateway.Authentication;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Tests.Security;

/// <summary>How a validated token's claims become the caller's identity.</summary>
public sealed class TokenClaimsTests
{
    [Fact]
    public void Scopes_come_from_scope_and_scp_and_the_client_from_azp_when_client_id_is_absent()
    {
        var identity = Read(TestTokenIssuer.Default.CreateToken("partner", scopes: "usage:read", claims: new Dictionary<string, object>
        {
            ["scp"] = new[] { "outages:read", "usage:read" },
            ["azp"] = "meter-partner",
        }));

        Assert.Equal(CallerRole.Partner, identity.Role);
        Assert.Equal(["outages:read", "usage:read"], identity.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal("meter-partner", identity.ClientId);
        Assert.Equal("user-1", identity.Subject);
    }

    [Fact]
    public void Uce_role_wins_over_a_generic_role_claim()
    {
        var identity = Read(TestTokenIssuer.Default.CreateToken("offline_access", claims: new Dictionary<string, object> { ["uce_role"] = "supervisor" }));

        Assert.Equal(CallerRole.Supervisor, identity.Role);
    }

    [Fact]
    public void Customer_id_of_a_non_customer_carries_no_authority_and_is_dropped()
    {
        var identity = Read(TestTokenIssuer.Default.CreateToken("agent", customerId: "cus-000001"));

        Assert.Null(identity.CustomerId);
    }

    [Theory]
    [InlineData("a token with two roles")]
    [InlineData("a scope with a line break")]
    [InlineData("a subject of 300 characters")]
    [InlineData("a non-ASCII client")]
    public void Token_whose_identity_cannot_be_carried_in_headers_is_refused(string defect)
    {
        var token = defect switch
        {
            "a token with two roles" => TestTokenIssuer.Default.CreateToken(claims: new Dictionary<string, object> { ["role"] = new[] { "agent", "supervisor" } }, role: null),
            "a scope with a line break" => TestTokenIssuer.Default.CreateToken(scopes: "read\nX-UCE-Role:supervisor"),
            "a subject of 300 characters" => TestTokenIssuer.Default.CreateToken(subject: new string('s', 300)),
            "a non-ASCII client" => TestTokenIssuer.Default.CreateToken(clientId: "bürgerportal"),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        Assert.Null(TokenClaims.ToIdentity(new JsonWebToken(token), out var problem));
        Assert.NotNull(problem);
    }

    private static CallerIdentity Read(string token)
    {
        var identity = TokenClaims.ToIdentity(new JsonWebToken(token), out var problem);
        Assert.True(identity is not null, problem);
        return identity;
    }
}

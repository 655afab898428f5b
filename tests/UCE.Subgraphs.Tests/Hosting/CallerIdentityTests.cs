using Microsoft.AspNetCore.Http;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class CallerIdentityTests(SubgraphFixture<SampleSubgraph> fixture) : IClassFixture<SubgraphFixture<SampleSubgraph>>
{
    [Fact]
    public void No_identity_headers_read_as_anonymous()
    {
        Assert.True(CallerIdentityReader.TryRead(new HeaderDictionary(), out var caller, out _));
        Assert.Same(CallerIdentity.Anonymous, caller);
    }

    [Fact]
    public void Customer_headers_read_as_that_customer_with_scopes()
    {
        var headers = new HeaderDictionary
        {
            [IdentityHeaders.Subject] = "auth0|42",
            [IdentityHeaders.Role] = "Customer",
            [IdentityHeaders.CustomerId] = "cus-000042",
            [IdentityHeaders.Scopes] = " billing:read  usage:read ",
        };

        Assert.True(CallerIdentityReader.TryRead(headers, out var caller, out _));
        Assert.Equal(CallerRole.Customer, caller.Role);
        Assert.Equal("auth0|42", caller.Subject);
        Assert.Equal("cus-000042", caller.CustomerId);
        Assert.True(caller.HasScope("billing:read"));
        Assert.True(caller.HasScope("usage:read"));
        Assert.Equal(2, caller.Scopes.Count);
        Assert.True(caller.MayActFor("cus-000042"));
        Assert.False(caller.MayActFor("cus-000043"));
    }

    [Fact]
    public void Agent_is_not_bound_to_a_customer_id_even_when_one_is_sent()
    {
        var headers = new HeaderDictionary { [IdentityHeaders.Role] = "agent", [IdentityHeaders.CustomerId] = "cus-000001" };

        Assert.True(CallerIdentityReader.TryRead(headers, out var caller, out _));
        Assert.Equal(CallerRole.Agent, caller.Role);
        Assert.Null(caller.CustomerId);
        Assert.True(caller.MayActFor("cus-000999"));
    }

    [Theory]
    [InlineData("administrator", null, "must be one of")]
    [InlineData("customer", null, "is required when")]
    public void Unknown_role_or_customer_without_id_is_refused(string role, string? customerId, string problemText)
    {
        var headers = new HeaderDictionary { [IdentityHeaders.Role] = role };
        if (customerId is not null)
        {
            headers[IdentityHeaders.CustomerId] = customerId;
        }

        Assert.False(CallerIdentityReader.TryRead(headers, out var caller, out var problem));
        Assert.Contains(problemText, problem, StringComparison.Ordinal);
        Assert.Same(CallerIdentity.Anonymous, caller);
    }

    [Fact]
    public async Task Resolvers_see_the_forwarded_identity()
    {
        var response = await fixture.GraphQL.PostAsync(
            "{ caller { role subject customerId scopes } }",
            headers: new Dictionary<string, string>
            {
                [IdentityHeaders.Role] = "partner",
                [IdentityHeaders.Subject] = "partner-7",
                [IdentityHeaders.Scopes] = "outages:read",
            });

        response.EnsureNoErrors();
        Assert.Equal("PARTNER", response.At("caller", "role").GetString());
        Assert.Equal("partner-7", response.At("caller", "subject").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.At("caller", "customerId").ValueKind);
        Assert.Equal("outages:read", response.At("caller", "scopes", 0).GetString());
    }

    [Fact]
    public async Task Request_without_identity_headers_runs_as_anonymous()
    {
        var response = await fixture.GraphQL.PostAsync("{ caller { role } }");

        Assert.Equal("ANONYMOUS", response.EnsureNoErrors().At("caller", "role").GetString());
    }

    [Fact]
    public async Task Request_with_an_invalid_role_header_is_a_bad_request()
    {
        var response = await fixture.GraphQL.PostAsync("{ caller { role } }", headers: new Dictionary<string, string> { [IdentityHeaders.Role] = "root" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }
}

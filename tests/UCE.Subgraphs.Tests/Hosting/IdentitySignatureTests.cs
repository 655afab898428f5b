using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using UCE.Customers;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>The gateway's signature over identity headers and body, as a format and as the subgraph's gate.</summary>
public sealed class IdentitySignatureTests
{
    private static readonly IdentitySigningKey Key = new("k1", Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef"));
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_796_000_000);
    private const string Body = """{"query":"{ customer(id: \"cus-000001\") { name } }"}""";

    private static readonly Dictionary<string, string> Customer = new(StringComparer.OrdinalIgnoreCase)
    {
        [IdentityHeaders.Role] = "customer",
        [IdentityHeaders.Subject] = "auth0|42",
        [IdentityHeaders.CustomerId] = "cus-000001",
        [IdentityHeaders.Client] = "portal",
        [IdentityHeaders.Scopes] = "billing:read usage:read",
    };

    [Fact]
    public void The_wire_format_matches_an_independent_implementation()
    {
        // Computed with Python's hmac/hashlib and Node's crypto from the documented canonical text.
        Assert.Equal(
            "v1;kid=k1;ts=1796000000;sig=a4tgB76iBAEn0N_HlC2MMPmmZLQW7MHE33-bwEOfCl8",
            IdentitySignature.Create(Lookup(Customer), Encoding.UTF8.GetBytes(Body), SignedAt, Key));
    }

    [Fact]
    public void A_signature_verifies_for_its_own_headers_and_body_within_a_minute_either_way()
    {
        var signature = IdentitySignature.Create(Lookup(Customer), Encoding.UTF8.GetBytes(Body), SignedAt, Key);

        Assert.Equal(IdentitySignatureStatus.Valid, Verify(Customer, signature, Body, SignedAt.AddSeconds(60)));
        Assert.Equal(IdentitySignatureStatus.Valid, Verify(Customer, signature, Body, SignedAt.AddSeconds(-60)));
        Assert.Equal(IdentitySignatureStatus.Stale, Verify(Customer, signature, Body, SignedAt.AddSeconds(61)));
        Assert.Equal(IdentitySignatureStatus.Stale, Verify(Customer, signature, Body, SignedAt.AddSeconds(-61)));
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { IdentityHeaders.Role, "agent" },
        { IdentityHeaders.CustomerId, "cus-000002" },
        { IdentityHeaders.Subject, "auth0|43" },
        { IdentityHeaders.Client, "partner-x" },
        { IdentityHeaders.Scopes, "billing:read usage:read outages:write" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Changing_any_identity_header_breaks_the_signature(string header, string value)
    {
        var signature = IdentitySignature.Create(Lookup(Customer), Encoding.UTF8.GetBytes(Body), SignedAt, Key);
        var tampered = new Dictionary<string, string>(Customer, StringComparer.OrdinalIgnoreCase) { [header] = value };

        Assert.Equal(IdentitySignatureStatus.Forged, Verify(tampered, signature, Body, SignedAt));
    }

    [Fact]
    public void Adding_an_identity_header_or_changing_the_body_breaks_the_signature()
    {
        var anonymous = new Dictionary<string, string>();
        var signature = IdentitySignature.Create(Lookup(anonymous), Encoding.UTF8.GetBytes(Body), SignedAt, Key);

        Assert.Equal(IdentitySignatureStatus.Valid, Verify(anonymous, signature, Body, SignedAt));
        Assert.Equal(IdentitySignatureStatus.Forged, Verify(new() { [IdentityHeaders.Role] = "agent" }, signature, Body, SignedAt));
        Assert.Equal(IdentitySignatureStatus.Forged, Verify(anonymous, signature, Body.Replace("000001", "000002", StringComparison.Ordinal), SignedAt));
    }

    [Theory]
    [InlineData("", IdentitySignatureStatus.Missing)]
    [InlineData("v1", IdentitySignatureStatus.Malformed)]
    [InlineData("v2;kid=k1;ts=1796000000;sig=a4tgB76iBAEn0N_HlC2MMPmmZLQW7MHE33-bwEOfCl8", IdentitySignatureStatus.Malformed)]
    [InlineData("v1;kid=k1;ts=-5;sig=a4tgB76iBAEn0N_HlC2MMPmmZLQW7MHE33-bwEOfCl8", IdentitySignatureStatus.Malformed)]
    [InlineData("v1;kid=k1;ts=1796000000;sig=a4tgB76iBAEn0N_HlC2MMPmmZLQW7MHE33-bwEOfC", IdentitySignatureStatus.Malformed)]
    [InlineData("v1;kid=k1;ts=1796000000;sig=!!!!", IdentitySignatureStatus.Malformed)]
    [InlineData("v1;kid=k9;ts=1796000000;sig=a4tgB76iBAEn0N_HlC2MMPmmZLQW7MHE33-bwEOfCl8", IdentitySignatureStatus.UnknownKey)]
    [InlineData("v1;kid=k1;ts=1796000001;sig=a4tgB76iBAEn0N_HlC2MMPmmZLQW7MHE33-bwEOfCl8", IdentitySignatureStatus.Forged)]
    public void Malformed_unknown_and_shifted_signatures_are_told_apart(string signature, IdentitySignatureStatus expected)
    {
        Assert.Equal(expected, Verify(Customer, signature, Body, SignedAt));
    }

    [Fact]
    public void During_a_rotation_both_keys_verify_and_a_dropped_key_no_longer_does()
    {
        var next = new IdentitySigningKey("k2", Encoding.ASCII.GetBytes("fedcba9876543210fedcba9876543210"));
        var byOld = IdentitySignature.Create(Lookup(Customer), Encoding.UTF8.GetBytes(Body), SignedAt, Key);
        var byNew = IdentitySignature.Create(Lookup(Customer), Encoding.UTF8.GetBytes(Body), SignedAt, next);

        Assert.Equal(IdentitySignatureStatus.Valid, Verify(Customer, byOld, Body, SignedAt, [next, Key]));
        Assert.Equal(IdentitySignatureStatus.Valid, Verify(Customer, byNew, Body, SignedAt, [next, Key]));
        Assert.Equal(IdentitySignatureStatus.UnknownKey, Verify(Customer, byOld, Body, SignedAt, [next]));
    }

    [Theory]
    [InlineData("k1")]
    [InlineData("k1:")]
    [InlineData(":AAAA")]
    [InlineData("k1:not base64!")]
    [InlineData("k1:c2hvcnQ=")]
    [InlineData("k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=;k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")]
    public void Malformed_key_lists_are_refused(string configured)
    {
        Assert.ThrowsAny<Exception>(() => IdentitySigningKey.ParseList(configured));
    }

    [Fact]
    public void Key_lists_read_back_what_they_print()
    {
        var keys = IdentitySigningKey.ParseList("k2:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=; k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

        Assert.Equal(["k2", "k1"], keys.Select(key => key.Id));
        Assert.Equal(keys.Select(key => key.Secret), IdentitySigningKey.ParseList(IdentitySigningKey.Format(keys)).Select(key => key.Secret));
    }

    [Fact]
    public async Task A_subgraph_refuses_missing_forged_replayed_and_stale_signatures_with_401_before_executing()
    {
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), connectionString: null);
        var body = """{"query":"{ customer(id: \"cus-000001\") { name } }"}""";
        var agent = new Dictionary<string, string> { [IdentityHeaders.Role] = "agent" };
        var signedForOtherBody = TestSigning.Sign(agent, """{"query":"{ __typename }"}""");

        var cases = new (string Name, Dictionary<string, string> Headers)[]
        {
            ("missing", new Dictionary<string, string>(agent)),
            ("other body", new Dictionary<string, string>(agent) { [IdentityHeaders.Signature] = signedForOtherBody }),
            ("stale", new Dictionary<string, string>(agent) { [IdentityHeaders.Signature] = TestSigning.Sign(agent, body, DateTimeOffset.UtcNow.AddMinutes(-2)) }),
            ("role added", new Dictionary<string, string>(agent) { [IdentityHeaders.Role] = "supervisor", [IdentityHeaders.Signature] = TestSigning.Sign(agent, body) }),
            ("unknown key", new Dictionary<string, string>(agent) { [IdentityHeaders.Signature] = TestSigning.Sign(agent, body, key: new IdentitySigningKey("test", Encoding.ASCII.GetBytes("another-key-another-key-another!!"))) }),
        };
        foreach (var (name, headers) in cases)
        {
            var response = await host.GraphQL.SendRawAsync(HttpMethod.Post, body, "application/json", headers, sign: false);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {response.StatusCode} {response.Body}");
            Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
            Assert.DoesNotContain("\"data\"", response.Body, StringComparison.Ordinal);
        }

        var signed = await host.GraphQL.SendRawAsync(HttpMethod.Post, body, "application/json", agent);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Fact]
    public async Task A_signed_get_covers_its_query_string()
    {
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), connectionString: null);

        var signed = await host.GraphQL.GetAsync("{ __typename }");
        var forged = await host.GraphQL.SendRawAsync(
            HttpMethod.Get, null, null, new Dictionary<string, string> { [IdentityHeaders.Signature] = TestSigning.Sign(null, "query=%7B%20__schema%20%7B%20types%20%7B%20name%20%7D%20%7D%20%7D") }, path: "/graphql?query=%7B%20__typename%20%7D", sign: false);

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private static Func<string, string?> Lookup(Dictionary<string, string> headers) =>
        name => headers.TryGetValue(name, out var value) ? value : null;

    private static IdentitySignatureStatus Verify(Dictionary<string, string> headers, string signature, string body, DateTimeOffset now, IReadOnlyList<IdentitySigningKey>? keys = null)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        dictionary[IdentityHeaders.Signature] = signature;
        return IdentitySignature.Verify(dictionary, Encoding.UTF8.GetBytes(body), now, keys ?? [Key]);
    }
}

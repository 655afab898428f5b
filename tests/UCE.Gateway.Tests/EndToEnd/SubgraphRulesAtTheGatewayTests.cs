using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// The rules the UCE subgraphs declare in their SDL (<c>@authenticated</c>, <c>@policy</c>), composed into the committed
/// supergraph and enforced by the gateway before planning: a refused caller's request never reaches a subgraph.
/// </summary>
public sealed class SubgraphRulesAtTheGatewayTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>, IAsyncLifetime
{
    private readonly CountingSigner _requests = new();
    private GatewayTestHost _gateway = null!;

    private static string AccessLogQuery => $$"""
        { agentAccessLog(customerId: "{{DemoGraph.CustomerId(2)}}", from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { agent role subgraph } }
        """;

    public async Task InitializeAsync() =>
        _gateway = await subgraphs.StartGatewayAsync(configure: builder => _requests.WrapSignerOf(builder.Services));

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task An_anonymous_caller_asking_for_a_customer_is_refused_by_the_gateway_without_a_subgraph_call()
    {
        _requests.Reset();

        var response = await PostAsync($$"""{ customer(id: "{{DemoGraph.CustomerId(2)}}") { id name email } }""", token: null);

        Assert.Equal("UNAUTHORIZED_FIELD_OR_TYPE", response.FirstErrorCode());
        Assert.Equal("customer", response["errors"]![0]!["path"]![0]!.GetValue<string>());
        Assert.Null(response["data"]);
        Assert.Empty(_requests.Subgraphs);
    }

    [Fact]
    public async Task A_supervisor_reads_the_agent_access_log_and_an_agent_is_refused_by_the_gateway()
    {
        var supervisor = await PostAsync(AccessLogQuery, TestTokenIssuer.Default.CreateToken("supervisor", subject: "supervisor-1"));

        Assert.Null(supervisor["errors"]);
        Assert.NotNull(supervisor["data"]!["agentAccessLog"] as JsonArray);

        _requests.Reset();
        var agent = await PostAsync(AccessLogQuery, TestTokenIssuer.Default.CreateToken("agent", subject: "agent-1"));

        Assert.Equal("UNAUTHORIZED_FIELD_OR_TYPE", agent.FirstErrorCode());
        Assert.Null(agent["data"]);
        Assert.Empty(_requests.Subgraphs);
    }

    [Fact]
    public async Task The_customer_asking_for_their_own_data_passes_the_gateway_and_reaches_the_subgraph()
    {
        _requests.Reset();
        var customerId = DemoGraph.CustomerId(2);

        var response = await PostAsync($$"""{ customer(id: "{{customerId}}") { id name } }""", TestTokenIssuer.Default.CreateToken("customer", customerId: customerId));

        Assert.Null(response["errors"]);
        Assert.Equal(customerId, response["data"]!["customer"]!["id"]!.GetValue<string>());
        Assert.Contains("customers", _requests.Subgraphs);
    }

    private async Task<JsonNode> PostAsync(string query, string? token)
    {
        using var request = GraphQLHttp.PostQuery(query);
        if (token is not null)
        {
            request.WithToken(token);
        }

        using var response = await _gateway.Client.SendAsync(request);
        return await response.ReadJsonAsync();
    }

    /// <summary>Records the subgraph of every request the gateway signs, which is every request it sends.</summary>
    private sealed class CountingSigner
    {
        private readonly ConcurrentQueue<string> _subgraphs = new();

        public IReadOnlyCollection<string> Subgraphs => _subgraphs;

        public void Reset() => _subgraphs.Clear();

        public void WrapSignerOf(IServiceCollection services)
        {
            var registered = services.Last(descriptor => descriptor.ServiceType == typeof(ISubgraphRequestSigner));
            services.Remove(registered);
            services.AddSingleton<ISubgraphRequestSigner>(provider => new Signer(this, Resolve(registered, provider)));
        }

        private static ISubgraphRequestSigner Resolve(ServiceDescriptor registered, IServiceProvider provider) =>
            (ISubgraphRequestSigner)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));

        private sealed class Signer(CountingSigner counter, ISubgraphRequestSigner inner) : ISubgraphRequestSigner
        {
            public void Sign(SubgraphRequest request, HttpRequestHeaders headers)
            {
                counter._subgraphs.Enqueue(request.Subgraph);
                inner.Sign(request, headers);
            }

            public IReadOnlyDictionary<string, string> SignConnection(IReadOnlyDictionary<string, string>? headers, string nonce) =>
                inner.SignConnection(headers, nonce);
        }
    }
}

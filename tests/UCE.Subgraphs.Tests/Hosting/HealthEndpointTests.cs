using System.Net;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_and_ready_answer_200_while_the_database_answers()
    {
        await using var database = await PostgresDatabase.CreateAsync("health");
        await using var host = await SubgraphTestHost.StartAsync(new SampleSubgraph(), database.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_when_the_database_is_gone_while_live_stays_200()
    {
        var database = await PostgresDatabase.CreateAsync("health");
        await using var host = await SubgraphTestHost.StartAsync(new SampleSubgraph(), database.ConnectionString);
        await database.DisposeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }
}

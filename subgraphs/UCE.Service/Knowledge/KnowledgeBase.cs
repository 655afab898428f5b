using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Service.Knowledge.Seed;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Service.Knowledge;

/// <summary>The knowledge base's hooks into the service subgraph's module: services, database preparation, demo articles.</summary>
public static class KnowledgeBase
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<KnowledgeArticleByIdLoader>();
        services.AddScoped<KnowledgeFeedbackCountsLoader>();
        services.AddScoped<SuggestedArticlesLoader>();
        services.AddScoped<KnowledgeAuthoring>();
    }

    /// <summary>Once the schema exists: the SQLite full-text index and its triggers (PostgreSQL's is in the model).</summary>
    public static Task OnSchemaReadyAsync(DbContext db, DatabaseProvider provider, CancellationToken cancellationToken) =>
        provider == DatabaseProvider.Sqlite ? SqliteKnowledgeIndex.EnsureCreatedAsync(db, cancellationToken) : Task.CompletedTask;

    /// <summary>Adds the demo articles when the knowledge base is empty (the first chunk of a seed); the caller saves.</summary>
    public static async Task AddDemoArticlesAsync(DbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(graph);
        if (!await db.Set<KnowledgeArticle>().AnyAsync(cancellationToken))
        {
            db.AddRange(KnowledgeSeed.Create(graph.Now));
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// Lets <c>dotnet ef</c> build a subgraph's context against PostgreSQL, the provider migrations are written for:
/// <c>ConnectionStrings__&lt;Name&gt;</c> when set, else the local server's <c>uce_&lt;name&gt;</c> database.
/// </summary>
public abstract class PostgresDesignTimeDbContextFactory<TContext>(string name, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
            ?? $"Host=127.0.0.1;Port=5432;Database=uce_{name.ToLowerInvariant()};Username=postgres;Password=postgres";
        return create(new DbContextOptionsBuilder<TContext>().UseNpgsql(connectionString).Options);
    }
}

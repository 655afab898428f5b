using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UCE.Usage.Data;

/// <summary>Lets <c>dotnet ef</c> build the context against PostgreSQL, the provider migrations are written for.</summary>
public sealed class UsageDesignTimeDbContextFactory : IDesignTimeDbContextFactory<UsageDbContext>
{
    public UsageDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Usage")
            ?? "Host=127.0.0.1;Port=5432;Database=uce_usage;Username=postgres;Password=postgres";
        var options = new DbContextOptionsBuilder<UsageDbContext>().UseNpgsql(connectionString).Options;
        return new UsageDbContext(options);
    }
}

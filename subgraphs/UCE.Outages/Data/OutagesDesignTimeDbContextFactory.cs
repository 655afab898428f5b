using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UCE.Outages.Data;

/// <summary>Lets <c>dotnet ef</c> build the context against PostgreSQL, the provider migrations are written for.</summary>
public sealed class OutagesDesignTimeDbContextFactory : IDesignTimeDbContextFactory<OutagesDbContext>
{
    public OutagesDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Outages")
            ?? "Host=127.0.0.1;Port=5432;Database=uce_outages;Username=postgres;Password=postgres";
        var options = new DbContextOptionsBuilder<OutagesDbContext>().UseNpgsql(connectionString).Options;
        return new OutagesDbContext(options);
    }
}

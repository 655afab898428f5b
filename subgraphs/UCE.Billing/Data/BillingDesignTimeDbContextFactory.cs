using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UCE.Billing.Data;

/// <summary>Lets <c>dotnet ef</c> build the context against PostgreSQL, the provider migrations are written for.</summary>
public sealed class BillingDesignTimeDbContextFactory : IDesignTimeDbContextFactory<BillingDbContext>
{
    public BillingDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Billing")
            ?? "Host=127.0.0.1;Port=5432;Database=uce_billing;Username=postgres;Password=postgres";
        var options = new DbContextOptionsBuilder<BillingDbContext>().UseNpgsql(connectionString).Options;
        return new BillingDbContext(options);
    }
}

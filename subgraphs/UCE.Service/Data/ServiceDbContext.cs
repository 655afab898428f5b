using Microsoft.EntityFrameworkCore;
using UCE.Service.Knowledge;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Service.Data;

/// <summary>The service subgraph's database: customer profiles, cases and their notes and surveys.</summary>
public sealed class ServiceDbContext(DbContextOptions<ServiceDbContext> options) : DbContext(options)
{
    public DbSet<CustomerProfile> CustomerProfiles => Set<CustomerProfile>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();

    public DbSet<CaseSurvey> CaseSurveys => Set<CaseSurvey>();

    /// <summary>Every entity configuration of this assembly, so each area of the subgraph brings its own tables.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ServiceDbContext).Assembly).AddOutbox();
        KnowledgeModel.Configure(modelBuilder, Database);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.Apply(configurationBuilder);
}

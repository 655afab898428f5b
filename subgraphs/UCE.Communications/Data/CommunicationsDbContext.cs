using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Communications.Data;

/// <summary>The communications subgraph's database: recipients and their preferences, templates and the notification outbox.</summary>
public sealed class CommunicationsDbContext(DbContextOptions<CommunicationsDbContext> options) : DbContext(options)
{
    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<CommunicationPreference> Preferences => Set<CommunicationPreference>();

    public DbSet<MessageTemplate> Templates => Set<MessageTemplate>();

    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommunicationsDbContext).Assembly).AddOutbox();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.Apply(configurationBuilder);
}

using Microsoft.EntityFrameworkCore;

namespace UCE.Subgraphs.Tests.Hosting.Sample;

/// <summary>A widget: the entity of the sample subgraph the hosting tests run against.</summary>
public sealed class Widget
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public List<Part> Parts { get; set; } = [];
}

/// <summary>A part of a widget (one-to-many).</summary>
public sealed class Part
{
    public required string Id { get; set; }

    public required string WidgetId { get; set; }

    public required string Name { get; set; }
}

/// <summary>The sample subgraph's context.</summary>
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public DbSet<Part> Parts => Set<Part>();
}

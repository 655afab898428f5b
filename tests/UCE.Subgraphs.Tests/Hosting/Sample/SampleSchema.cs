using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Tests.Hosting.Sample;

/// <summary>The sample subgraph's schema.</summary>
public sealed class SampleSchema : Schema
{
    public SampleSchema(IServiceProvider services, SampleQuery query, SampleMutation mutation, SampleSubscription subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}

public sealed class WidgetType : ObjectGraphType<Widget>
{
    public WidgetType()
    {
        Name = "Widget";
        this.Key("id");

        // Widgets are nobody's data: the sample serves them to anyone.
        this.Authorize(Access.Anyone);
        Field(w => w.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(w => w.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartType>>>>("parts")
            .Resolve(context => context.Service<PartsByWidgetLoader>().LoadAsync(context.Source.Id));
        this.ResolveReference<WidgetReference, Widget>((context, reference) =>
            context.Service<WidgetByIdLoader>().LoadAsync(reference.Id!)!);
    }
}

/// <summary>A Widget representation in <c>_entities</c>.</summary>
public sealed class WidgetReference
{
    public string? Id { get; set; }
}

public sealed class PartType : ObjectGraphType<Part>
{
    public PartType()
    {
        Name = "Part";
        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.Name);
        Field<WidgetType>("widget").Resolve(context => context.Service<WidgetByIdLoader>().LoadAsync(context.Source.WidgetId));
    }
}

public sealed class CallerType : ObjectGraphType<UCE.Subgraphs.Hosting.Identity.CallerIdentity>
{
    public CallerType()
    {
        Name = "Caller";
        Field<NonNullGraphType<StringGraphType>>("role").Resolve(context => context.Source.Role.ToString().ToUpperInvariant());
        Field<StringGraphType>("subject").Resolve(context => context.Source.Subject);
        Field<StringGraphType>("customerId").Resolve(context => context.Source.CustomerId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Resolve(context => context.Source.Scopes.Order(StringComparer.Ordinal).ToList());
    }
}

public sealed class SampleQuery : ObjectGraphType
{
    public SampleQuery()
    {
        Name = "Query";
        Field<WidgetType>("widget")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowAnonymous()
            .Resolve(context => context.Service<WidgetByIdLoader>().LoadAsync(context.GetArgument<string>("id")));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WidgetType>>>>("widgets")
            .Argument<IntGraphType>("first")
            .AllowAnonymous()
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument("first", 1000);
                await using var db = await context.Service<IDbContextFactory<SampleDbContext>>().CreateDbContextAsync(context.CancellationToken);
                return await db.Widgets.AsNoTracking().OrderBy(w => w.Id).Take(first).ToListAsync(context.CancellationToken);
            });
        Field<NonNullGraphType<CallerType>>("caller").AllowAnonymous().Resolve(context => context.Caller());
        Field<StringGraphType>("failure").AllowAnonymous().Resolve(_ => throw new InvalidOperationException("connection string Password=secret"));
        Field<StringGraphType>("refusal").AllowAnonymous().Resolve(_ => throw new DomainError("SAMPLE_REFUSED", "The sample refuses."));
    }
}

public sealed class SampleMutation : ObjectGraphType
{
    public SampleMutation()
    {
        Name = "Mutation";
        Field<WidgetType>("renameWidget")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .AllowAnonymous()
            .ResolveAsync(async context =>
            {
                var name = context.GetArgument<string>("name");
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new DomainError("WIDGET_NAME_EMPTY", "A widget needs a name.");
                }

                await using var db = await context.Service<IDbContextFactory<SampleDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var widget = await db.Widgets.FindAsync([context.GetArgument<string>("id")], context.CancellationToken);
                if (widget is null)
                {
                    return null;
                }

                widget.Name = name;
                await db.SaveChangesAsync(context.CancellationToken);
                return widget;
            });
    }
}

public sealed class NoticeType : ObjectGraphType<Notice>
{
    public NoticeType()
    {
        Name = "Notice";
        this.Authorize(Access.CustomerData<Notice>(notice => notice.CustomerId));
        Field(n => n.CustomerId);
        Field(n => n.Text);
    }
}

/// <summary>Subscriptions fed by <see cref="SampleEvents"/>: one for anyone, one for staff, one of customer data.</summary>
public sealed class SampleSubscription : ObjectGraphType
{
    public SampleSubscription()
    {
        Name = "Subscription";
        Field<NonNullGraphType<WidgetType>>("widgetRenamed")
            .AllowAnonymous()
            .ResolveStream(context => context.RequestServices!.GetRequiredService<SampleEvents>().WidgetRenamed);
        Field<NonNullGraphType<StringGraphType>>("staffAlerts")
            .Authorize(Access.Staff)
            .ResolveStream(context => context.RequestServices!.GetRequiredService<SampleEvents>().StaffAlerts);
        Field<NoticeType>("notices")
            .Authorize(Access.CustomersAndStaff)
            .ResolveStream(context => context.RequestServices!.GetRequiredService<SampleEvents>().Notices);
        Field<StringGraphType>("unruled")
            .ResolveStream(context => context.RequestServices!.GetRequiredService<SampleEvents>().StaffAlerts);
    }
}

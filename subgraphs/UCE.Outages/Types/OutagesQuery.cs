using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Outages.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Paging;

namespace UCE.Outages.Types;

/// <summary>The outages subgraph's root query fields.</summary>
public sealed class OutagesQuery : ObjectGraphType
{
    public OutagesQuery()
    {
        Name = "Query";

        Field<OutageType>("outage")
            .Description("One outage by id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowPublicOutageData()
            .Resolve(context =>
            {
                var id = context.GetArgument<string>("id");
                return context.Service<OutageByIdLoader>().LoadAsync(id).Then(outage =>
                    outage ?? throw new DomainError(OutageErrorCodes.OutageNotFound, $"No outage has id '{id}'."));
            });

        Field<ListGraphType<NonNullGraphType<OutageType>>>("activeOutages")
            .Description("Outages not yet restored, most recent first.")
            .Argument<IntGraphType>("first", argument =>
            {
                argument.DefaultValue = PageSize.Default;
                argument.Description = $"How many outages to return, 1 to {PageSize.Max}.";
            })
            .AllowPublicOutageData()
            .ResolveAsync(async context =>
            {
                var first = PageSize.Read(context, "first");
                await using var db = await context.Service<IDbContextFactory<OutagesDbContext>>().CreateDbContextAsync(context.CancellationToken);
                return await db.Outages.AsNoTracking()
                    .Where(o => o.Status != OutageStatus.Restored)
                    .OrderByDescending(o => o.StartedAt)
                    .ThenBy(o => o.Id)
                    .Take(first)
                    .ToListAsync(context.CancellationToken);
            });
    }
}
